import { TextField, type TextFieldProps } from './TextField';

/** A text field for machine text (model names, URLs, paths): monospace, left-to-right, no spelling or autofill. */
export function CodeField(props: TextFieldProps) {
  return <TextField autoComplete="off" spellCheck={false} dir="ltr" className="input input--mono" {...props} />;
}
