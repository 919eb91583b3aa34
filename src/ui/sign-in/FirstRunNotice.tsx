/**
 * What the sign-in screen shows on a server that holds no school yet: nobody
 * could sign in, so it says how whoever runs the server creates one.
 */
const CREATE_SCHOOL_COMMAND =
  'node dist/server/main.js create-school --name "Your School" --senco-email senco@your.school --senco-name "Your Name"';

export function FirstRunNotice() {
  return (
    <section class="banner first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">This server has no school yet</h2>
      <p>Whoever looks after the server creates the school and its SENCo, on the server, with:</p>
      <pre>
        <code>{CREATE_SCHOOL_COMMAND}</code>
      </pre>
      <p>
        It prints an activation code for the SENCo, who then chooses “I have an activation code”
        below. The README’s “Running for real” goes through every step.
      </p>
    </section>
  );
}
