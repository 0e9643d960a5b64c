/** Text beyond this many characters gets its own scroll box on detail screens. */
const LONG_TEXT = 300;

/**
 * Text that came from an applicant or another outside source. It is always isolated in `<bdi>`, so a
 * right-to-left override inside cannot flip the text around it, and rendered as text, never as markup.
 * `block` wraps anywhere and scrolls when absurdly long (detail screens); the default clamps to one line.
 */
export function UserText({ value, block = false }: { value: string; block?: boolean }) {
  if (!block) return <bdi className="user-text">{value}</bdi>;
  const long = value.length > LONG_TEXT;
  return (
    // A scroll box must be reachable by keyboard, so a long one takes focus.
    <bdi className={long ? 'user-text user-text--block user-text--long' : 'user-text user-text--block'} tabIndex={long ? 0 : undefined}>
      {value}
    </bdi>
  );
}
