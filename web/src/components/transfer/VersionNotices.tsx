import { useTranslation } from "react-i18next";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";

/**
 * A refused submit, and the case changing while the panel was open: the request carries the
 * version the person opened it on until they choose the latest.
 */
export function VersionNotices({ form: f }: { form: TransferFormState }) {
  const { t } = useTranslation();
  const { submitted, refreshedVersion } = f;
  return (
    <>
      {submitted.general && (
        <div className="notice notice-error" role="alert">
          <p>{submitted.general}</p>
          {submitted.conflict && (
            <div className="notice-actions">
              <span>
                {t("versionNotices.checkTheCaseThenSubmit")}
                {refreshedVersion ? t("versionNotices.withItsLatestVersion") : "."}
              </span>
              {refreshedVersion && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => f.takeLatestVersion(true)}
                >
                  {t("versionNotices.useTheLatestVersion")}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {!submitted.conflict && refreshedVersion && (
        <p className="notice notice-warning">
          {t("versionNotices.theCaseChangedWhileThis", { latestVersion: f.latestVersion })}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => f.takeLatestVersion(false)}
          >
            {t("versionNotices.useTheLatestVersion")}
          </button>
        </p>
      )}
    </>
  );
}
