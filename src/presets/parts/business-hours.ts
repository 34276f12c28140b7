// Business hours every preset's regions use: the same span Monday to Friday, weekends off.
// Fresh arrays per day so that editing one day of a copied preset cannot change the others.
export const weekdays = (start: string, end: string) => {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
};
