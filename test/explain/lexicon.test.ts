// The lexicon of the grounding check: English and the explanations' hardware words pass, with their
// inflections and British spellings; pieces of words a small model strings together do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEnglishWord } from '../../server/src/ide/lexicon';

test('English, hardware words, inflections, British spellings and prefixes are words', () => {
  for (const w of ['registers', 'Counter', 'synchroniser', 'synchronisers', 'deasserted', 'signalled', 'centre', 'mappable', 'debounced', 'testbench', 'stopped', 'behaviour', 'initialise', 'oversampling', 'flops', 'multiplexer']) {
    assert.ok(isEnglishWord(w), w);
  }
});

test('strung-together pieces of words are not', () => {
  for (const w of ['orbarse', 'atcation', 'gateritical', 'tinyload', 'imantity', 'maince', 'resetread', 'Thead']) assert.ok(!isEnglishWord(w), w);
});
