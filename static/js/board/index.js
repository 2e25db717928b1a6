/* The question board: one state per page (store.js), kept from the snapshot's `board` and
 * the `questions_changed` facts, and the views on it — the participant's board, the
 * presenter's moderation panel, the top questions and the pinned question for the big
 * screen. Role pages and the `question_board` kind import `board` from here. */
import { apply, counts, load, pinned, setCommand, state, subscribe } from "./store.js";
import { host, participantBoard } from "./participant.js";
import { moderatorBoard } from "./moderator.js";
import { pinnedOverlay, topQuestions } from "./screen.js";

export const board = {
  setCommand,
  load,
  apply,
  counts,
  pinned,
  state,
  subscribe,
  participantBoard,
  host,
  moderatorBoard,
  topQuestions,
  pinnedOverlay,
};
export default board;
