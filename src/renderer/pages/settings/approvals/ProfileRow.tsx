import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionProfileDoc } from '../../../../shared/permissions';
import { Button } from '../../../components/Button';
import { classNames } from '../../../components/class-names';
import { isBuiltinId, profileName } from './profile-name';

type Action = 'use' | 'copy' | 'remove';

interface ProfileRowProps {
  profile: PermissionProfileDoc;
  active: boolean;
  /** The action under way on this row, if any; every row's buttons wait while one runs. */
  busy: Action | null;
  disabled: boolean;
  onUse(): void;
  onCopy(): void;
  onEdit(): void;
  onRemove(): void;
}

/** One profile: its name, what it does by default, and Use / Copy / Edit / Delete (with a confirmation). */
export function ProfileRow({ profile, active, busy, disabled, onUse, onCopy, onEdit, onRemove }: ProfileRowProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = profileName(t, profile.id, profile);
  const decision = (risk: keyof PermissionProfileDoc['risks']) => t(`approvals.settings.decision.${profile.risks[risk]}`);
  return (
    <li className={classNames('profile-row', active && 'profile-row--active')} data-testid="profile-row" data-profile={profile.id} data-active={active} data-builtin={profile.builtin}>
      <div className="profile-row__text">
        <p className="profile-row__name">
          <bdi>{name}</bdi>
          {profile.builtin ? <span className="tag">{t('approvals.settings.builtin')}</span> : <span className="tag">{t('approvals.settings.custom')}</span>}
          {active && <span className="tag tag--accent">{t('approvals.settings.active')}</span>}
          {profile.id === 'yes' && <span className="tag tag--danger">{t('approvals.settings.dangerous')}</span>}
        </p>
        {isBuiltinId(profile.id) && <p className="profile-row__facts">{t(`approvals.builtin.${profile.id}.help`)}</p>}
        <p className="profile-row__facts">{t('approvals.settings.summary', { read: decision('read'), write: decision('write'), execute: decision('execute'), network: decision('network') })}</p>
        {(profile.tools.length > 0 || profile.paths.length > 0) && <p className="profile-row__facts">{t('approvals.settings.rules', { tools: profile.tools.length, paths: profile.paths.length })}</p>}
      </div>
      {confirming ? (
        <div className="button-row" role="group" aria-label={t('approvals.settings.deleteConfirm', { name })}>
          <p className="profile-row__facts">{t('approvals.settings.deleteConfirm', { name })}</p>
          <Button size="sm" variant="danger" onClick={onRemove} disabled={disabled} busy={busy === 'remove'} data-testid="profile-delete-confirm">
            {t('approvals.settings.delete')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={disabled}>
            {t('approvals.settings.keep')}
          </Button>
        </div>
      ) : (
        <div className="button-row">
          {!active && (
            <Button size="sm" variant="primary" onClick={onUse} disabled={disabled} busy={busy === 'use'} aria-label={`${t('approvals.settings.use')}: ${name}`} data-testid={`permission-profile-${profile.id}`}>
              {busy === 'use' ? t('approvals.settings.using') : t('approvals.settings.use')}
            </Button>
          )}
          <Button size="sm" onClick={onCopy} disabled={disabled} busy={busy === 'copy'} aria-label={`${t('approvals.settings.copy')}: ${name}`} data-testid="profile-copy">
            {t('approvals.settings.copy')}
          </Button>
          {!profile.builtin && (
            <>
              <Button size="sm" onClick={onEdit} disabled={disabled} aria-label={`${t('approvals.settings.edit')}: ${name}`} data-testid="profile-edit">
                {t('approvals.settings.edit')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} disabled={disabled} aria-label={`${t('approvals.settings.delete')}: ${name}`} data-testid="profile-delete">
                {t('approvals.settings.delete')}
              </Button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
