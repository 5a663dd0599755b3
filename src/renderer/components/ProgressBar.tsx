interface ProgressBarProps {
  /** In [0, 1]; null shows an indeterminate bar. */
  value: number | null;
  label: string;
  tone?: 'active' | 'done' | 'failed' | 'cancelled';
}

/** A progress bar fed by job events; indeterminate while the total is unknown. */
export function ProgressBar({ value, label, tone = 'active' }: ProgressBarProps) {
  const percent = value === null ? undefined : Math.round(value * 100);
  return (
    <div
      className={`progress progress--${tone}${value === null ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress__fill" style={value === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
