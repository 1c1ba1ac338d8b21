/// Everything a key can ask the explorer to do. Keys map to actions only through `KeyMaps`, so
/// the help overlay (built from the same maps) always tells the truth.
public enum Action: Hashable, Sendable {
    // Global
    case nextScreen, previousScreen, help, quit, back
    /// Opens or closes the message log (every notice and error, with its time and whole text).
    case messageLog
    /// A digit key 1–6: the screen is the digit (one binding, so help shows one line).
    case jumpToScreen
    // Movement (lists, cursors, forms)
    case up, down, left, right, pageUp, pageDown, top, bottom, select
    // Users
    case search, sortNext, sortPrevious, reverseSort, filterScene, clearFilter, cohortFilter
    /// Cohorts (Cohorts/): two cohorts side by side on Attention, and saving the one applied as @name.
    case compareCohorts, nameCohort
    // Attention
    case nextHead, nextView, togglePopulation
    /// Beside the learned map: the planted matrix, or learned − planted.
    case toggleDifference
    // Transfer
    case nextTarget, previousTarget, stepForward, stepBack, play
    // Training
    case startTraining, pauseOrResume, evaluate, evaluateBaselines, saveCheckpoint, loadCheckpoint, editField
    // Cases: rank the cold cases again; filter them by outcome (all, wins, losses, ties)
    case rankCases, filterOutcome
    // Runs (Training screen)
    case toggleRuns, markRun, sortRuns
    /// Stops the long job of the screen (training, evaluation, averaging): the same key everywhere.
    case stop
    // Dialogs and text entry
    case confirm, cancel
    // Export and mouse (every screen): Ctrl-S writes what the screen shows, `M` toggles mouse capture;
    // `y` on Attention copies the matrix to the terminal's clipboard.
    case export, toggleMouse, copyMatrix
    // What-if (Interests, Attention, Transfer; WhatIf/WhatIfKeys.swift): enter or leave, the four
    // edits, undo, reset, export the edits; in the picker: the sentiment and the catalogue's scene.
    case whatIf, addItem, removeInteraction, flipSentiment, hideScene, undoEdit, resetEdits, exportEdits
    case nextSentiment, nextPickerScene, previousPickerScene
}
