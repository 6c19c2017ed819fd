import { describe, expect, it } from 'vitest';
import { createProblemReporter } from '../../src/main/problems';

describe('createProblemReporter', () => {
  it('notifies a problem once until it changes or clears, per source', () => {
    const shown: string[] = [];
    const problems = createProblemReporter((m) => shown.push(m));
    problems.set('status', 'config:3: bad line');
    problems.set('status', 'config:3: bad line');
    problems.set('warnings', 'config:3: bad line');
    problems.set('status', 'config:4: bad line');
    problems.set('status', null);
    problems.set('status', 'config:4: bad line');
    expect(shown).toEqual(['config:3: bad line', 'config:3: bad line', 'config:4: bad line', 'config:4: bad line']);
  });
});
