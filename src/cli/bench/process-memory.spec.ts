import { parseVmRssMb, residentMb } from './process-memory';

describe(parseVmRssMb.name, () => {
  it('reads VmRSS in MB from a /proc status text', () => {
    const status = 'Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t   51200 kB\nThreads:\t11\n';
    expect(parseVmRssMb(status)).toBe(50);
  });

  it('answers undefined when the line is missing', () => {
    expect(parseVmRssMb('Name:\tzombie\n')).toBeUndefined();
  });
});

describe(residentMb.name, () => {
  it('answers undefined for no pid and for a pid that does not exist', () => {
    expect(residentMb(undefined)).toBeUndefined();
    expect(residentMb(2 ** 30)).toBeUndefined();
  });
});
