import { useCallback } from "react";
import { type NavigateOptions, useNavigate, useSearchParams } from "react-router";

export type EditParams = (
  change: (current: URLSearchParams) => URLSearchParams,
  options?: NavigateOptions,
) => void;

/**
 * The address's query, and a way to change it starting from what the address holds now.
 * React Router renders a navigation in a transition: for a moment after one change the page
 * still shows the old query, and a second change based on that render undid the first (pick a
 * region, then tick "Only mine" at once, and the region came back).
 */
export function useAddressParams(): [URLSearchParams, EditParams] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const edit = useCallback<EditParams>(
    (change, options) =>
      navigate({ search: `?${change(new URLSearchParams(window.location.search))}` }, options),
    [navigate],
  );
  return [params, edit];
}
