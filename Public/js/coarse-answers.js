// coarse-answers.js — answers that name an inner node of the category tree ("dog, any kind"): their numbers as the server counts them, their wording, which the truth lies under, and which a search finds; no DOM.
import { buildIndex, matchScore } from './search.js';

// "(any kind)" rather than "(breed unknown)": the tree's nodes are of every sort (a dog's
// breed, a cat's, a whole order of animals), and "any kind" reads right under each of them.
const CALLED = 'any kind';
const MOST_MATCHES = 3;

export class CoarseAnswers {
  /**
   * `allowed`: the study's allow_coarse; `tree`: a CategoryTree; `nodes`: GET /api/hierarchy's
   * nodes in its order, which numbers them: a node's answer is the category count plus its
   * position there. Only nodes with categories under them (the tree shows no others) can be given.
   */
  constructor({ allowed, tree, nodes = [] }) {
    this.tree = tree;
    this.categoryCount = tree.categories.length;
    this.keyByAnswer = new Map();
    this.answerByKey = new Map();
    if (allowed) {
      nodes.forEach((node, position) => {
        if (!(tree.node(node.key)?.count > 0)) return;
        const answer = this.categoryCount + position;
        this.keyByAnswer.set(answer, node.key);
        this.answerByKey.set(node.key, answer);
      });
    }
    this.allowed = this.answerByKey.size > 0;
    // Names and synonyms only: a node's gloss ("a member of the genus Canis…") would put
    // "dog (any kind)" under queries that never asked for a kind of animal.
    this.index = buildIndex([...this.keyByAnswer].map(([answer, key]) => {
      const node = tree.node(key);
      return { index: answer, name: node.name, synonyms: node.synonyms ?? [] };
    }));
  }

  /** The answer that names node `key`, or null when that node cannot be given. */
  answerOf(key) { return this.answerByKey.get(key) ?? null; }

  /** The node key an answer names, or null for a category (or an answer not allowed). */
  keyOf(answer) { return this.keyByAnswer.get(answer) ?? null; }

  isCoarse(answer) { return this.keyByAnswer.has(answer); }

  /** How a coarse answer reads on a chip and in feedback: "dog (any kind)". */
  label(answer) {
    const node = this.tree.node(this.keyOf(answer));
    return node ? `${node.name} (${CALLED})` : null;
  }

  /** True when the true category lies under the node a coarse answer names. */
  covers(answer, truth) {
    const key = this.keyOf(answer);
    return key !== null && this.tree.ancestorsOf(truth).includes(key);
  }

  /** The coarse answers whose node's name or synonym matches `query`, best first, a few at most. */
  matching(query) {
    return this.index
      .map((entry) => ({ answer: entry.index, score: matchScore(entry, query), length: entry.length }))
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score || a.length - b.length)
      .slice(0, MOST_MATCHES)
      .map((match) => match.answer);
  }
}
