/**
 * What went wrong with a whole screen's request (the server said no, or could
 * not be reached), as an alert so it is read out at once. Nothing when all is well.
 */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" class="form-error">
      {message}
    </p>
  ) : null;
}
