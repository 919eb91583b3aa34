// Says plainly, once per run, whether PostgreSQL is part of this test run.
export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    console.log(`\nPostgreSQL: testing against ${url.replace(/\/\/[^@]*@/, '//***@')}\n`);
  } else {
    console.log(
      '\nPostgreSQL was NOT tested: TEST_DATABASE_URL is not set (SQLite only). ' +
        'Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to include it.\n',
    );
  }
}
