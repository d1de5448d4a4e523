// scoring.js — the study's scoring rule, as the report applies it to human answers: an
// answer is right when the true category is among its first max_guesses guesses. With
// one guess allowed that is plain top-1; with five it is ImageNet's top-5.

export function isRight(guesses, truth, maxGuesses) {
  return guesses.slice(0, maxGuesses).includes(truth);
}
