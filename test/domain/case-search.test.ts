import { describe, expect, it } from 'vitest';
import { matchesCase, searchWords } from '../../functions/domain/case-search';

describe('the secretariat\'s search by words', () => {
  const app = { id: 'app_AbCdEfGhIjKlMnOp', title: 'Kombinert jordmorstilling i Dalane', ownerEmail: 'kari.nordmann@eigersund.kommune.example' };

  it('splits on whitespace and lower-cases the Norwegian way', () => {
    expect(searchWords('  JORDMOR   Ålgård ')).toEqual(['jordmor', 'ålgård']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('needs every word, in the title, the address, the contact the secretariat set or the case number', () => {
    expect(matchesCase(['jordmor', 'dalane'], app)).toBe(true);
    expect(matchesCase(['jordmor', 'sokndal'], app)).toBe(false);
    expect(matchesCase(['eigersund'], app)).toBe(true);
    expect(matchesCase(['nina'], { ...app, ownerName: 'Nina Nyansatt' })).toBe(true);
    expect(matchesCase(['abcdefgh'], app)).toBe(true);
    // no words, no match
    expect(matchesCase([], app)).toBe(false);
  });
});
