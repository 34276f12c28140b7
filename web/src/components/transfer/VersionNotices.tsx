import type { TransferFormState } from "../../hooks/useTransferForm.ts";

/**
 * A refused submit, and the case changing while the panel was open: the request carries the
 * version the person opened it on until they choose the latest.
 */
export function VersionNotices({ form: f }: { form: TransferFormState }) {
  const { submitted, refreshedVersion } = f;
  return (
    <>
      {submitted.general && (
        <div className="notice notice-error" role="alert">
          <p>{submitted.general}</p>
          {submitted.conflict && (
            <div className="notice-actions">
              <span>
                Check the case, then submit again
                {refreshedVersion ? " with its latest version." : "."}
              </span>
              {refreshedVersion && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => f.takeLatestVersion(true)}
                >
                  Use the latest version
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {!submitted.conflict && refreshedVersion && (
        <p className="notice notice-warning">
          The case changed while this panel was open (now version {f.latestVersion}). Check it;
          submitting asks for the version you opened it on.{" "}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => f.takeLatestVersion(false)}
          >
            Use the latest version
          </button>
        </p>
      )}
    </>
  );
}
