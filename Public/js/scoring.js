// scoring.js — the study's scoring rule, as the report applies it to human answers: an
// answer is right when the true category is among its first max_guesses guesses. With
// one guess allowed that is plain top-1; with five it is ImageNet's top-5.

export function isRight(guesses, truth, maxGuesses) {
  return guesses.slice(0, maxGuesses).includes(truth);
}

/**
 * Where a coarse answer holds the truth: the rank (0 = first) of the first guess among the
 * scored ones that names a node above the true category, or -1. It is not right: the report
 * counts it apart, as coarse-correct, and only for a first guess.
 */
export function coarseRank(guesses, truth, maxGuesses, covers) {
  return guesses.slice(0, maxGuesses).findIndex((guess) => covers(guess, truth));
}
