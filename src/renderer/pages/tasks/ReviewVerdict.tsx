import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewRecord } from '../../../shared/tasks';

/** The reviewer's decision on one round: passed, or changes asked for, with its reasons. */
export const ReviewVerdict = memo(function ReviewVerdict({ review }: { review: ReviewRecord }) {
  const { t } = useTranslation();
  return (
    <li className={`review review--${review.verdict}`} data-testid="review-verdict" data-verdict={review.verdict}>
      <p className="review__title">{review.verdict === 'pass' ? t('tasks.review.pass', { round: review.round }) : t('tasks.review.revise', { round: review.round })}</p>
      {review.reasons.length > 0 && (
        <ul className="review__reasons">
          {review.reasons.map((reason, index) => (
            <li key={index} dir="auto">
              {reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});
