/** Subscribe a component to a live query: it re-renders when the data changes. */
import { useEffect, useState } from 'preact/hooks';
import { watch } from '../../storage';

export const useWatch = <T>(query: () => Promise<T>, deps: unknown[]): T | undefined => {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = watch(query).subscribe({
      next: setValue,
      error: (error) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
};
