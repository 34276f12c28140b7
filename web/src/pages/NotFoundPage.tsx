import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

export function NotFoundPage({ what, detail }: { what?: string; detail?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("notFoundPage.notFound"));
  return (
    <div className="page">
      <h1 tabIndex={-1} className="page-title">
        {t("notFoundPage.whatNotFound", { what: what ?? t("notFoundPage.page") })}
      </h1>
      <p>{detail ?? t("notFoundPage.theAddressMayBeMistyped")}</p>
      <p>
        <Link to="/">{t("notFoundPage.goToMyCases")}</Link>
      </p>
    </div>
  );
}
