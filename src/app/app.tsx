// The application shell: skip link, header and the main landmark the screens will render into.
// Static for now — the assessment screens arrive in src/features and are composed here.

export function App() {
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>

      <header className="app-header">
        <div className="app-width app-header__inner">
          <img className="app-header__logo" src="/favicon.svg" alt="" width={32} height={32} />
          <p className="app-header__name">Safe Referral</p>
        </div>
      </header>

      <main id="main-content" className="app-width app-main" tabIndex={-1}>
        <h1>Domestic abuse risk assessment and referral</h1>
        <p className="app-lead">
          Safe Referral helps practitioners in England and Wales complete a domestic abuse risk assessment
          and prepare a referral, including when there is no internet connection.
        </p>
        <p>
          The assessment screens are being built and will appear here. Nothing is saved or sent from this
          page.
        </p>

        <section className="app-notice" aria-labelledby="immediate-danger-heading">
          <h2 id="immediate-danger-heading">If someone is in immediate danger</h2>
          <p>
            Call 999. If it is not safe to speak when calling from a mobile, stay on the line and press 55
            when prompted to be put through to the police.
          </p>
        </section>
      </main>
    </>
  );
}
