import Foundation
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// A terminal that plays a script of events and keeps the frames it was asked to draw.
final class ScriptedTerminal: TerminalDevice {
    var size: (width: Int, height: Int)
    let colorMode: ColorMode
    var script: [Event]
    var frames: [Buffer] = []
    /// Called when the script is empty (e.g. to wait for a background message).
    var whenIdle: () -> Event?

    init(width: Int, height: Int, colorMode: ColorMode = .indexed256, script: [Event], whenIdle: @escaping () -> Event? = { nil }) {
        size = (width, height)
        self.colorMode = colorMode
        self.script = script
        self.whenIdle = whenIdle
    }

    func draw(_ buffer: Buffer) { frames.append(buffer) }

    /// One scripted event per tick (only when the loop waits), so a frame is drawn after each.
    func pollEvent(wait: Bool) -> Event? {
        guard wait else { return nil }
        if !script.isEmpty {
            let event = script.removeFirst()
            if case let .resize(width, height) = event { size = (width, height) }
            return event
        }
        usleep(2_000)
        return whenIdle()
    }

    func stop() {}
}

@Suite struct ProgramWiringTests {
    /// The real program loop: keys go through `ExplorerApp.message(for:)`, `update` and `render`;
    /// below the minimum size the loop draws the too-small message; q ends the loop.
    @Test func keysResizesAndQuitGoThroughTheRunLoop() {
        let terminal = ScriptedTerminal(width: 100, height: 30, script: [
            .key(.character("3")), .key(.right), .resize(width: 40, height: 10), .resize(width: 100, height: 30), .key(.character("q")),
        ])
        let final = ExplorerApp.program(for: Fixtures.data).program.run(Fixtures.state(), on: terminal, maxTicks: 200)
        #expect(final.screen == .attention && final.attention.column == 1)
        #expect(terminal.frames.contains { $0.text.contains("need 64×18") })
        #expect(terminal.frames.last?.text.contains("learned (row = target, column = source)") == true)
        #expect(final.width == 100)
    }

    /// Training runs on its own thread and reports through the mailbox while keys keep working:
    /// the loop sees step events arrive and still moves the settings cursor.
    @Test func trainingReportsThroughTheMailboxWhileKeysWork() {
        var state = Fixtures.state(withModel: false)
        var h = Hyperparameters()
        h.dimension = 4; h.heads = 1; h.historyLength = 5; h.batchSize = 64; h.maxEpochs = 1; h.threads = 1
        state.training.form = HyperparameterForm(h)
        var sawSteps = false
        let started = ContinuousClock.now
        let terminal = ScriptedTerminal(width: 100, height: 30, script: [.key(.character("5")), .key(.character("t"))])
        terminal.whenIdle = { [unowned terminal] in
            // Once two steps are on screen, press ↓ and quit; give up after 60 s.
            let text = terminal.frames.last?.text ?? ""
            if !sawSteps, text.contains("step 2 loss") || text.contains("step 3 loss") {
                sawSteps = true
                terminal.script = [.key(.down), .key(.character("q")), .key(.character("y"))]
            }
            if ContinuousClock.now - started > .seconds(60) { return .key(.ctrlC) }
            return nil
        }
        let (program, runner) = ExplorerApp.program(for: Fixtures.data)
        let final = program.run(state, on: terminal, maxTicks: 100_000)
        // Confirming the quit asked the runner to stop the training: its worker ends.
        #expect(runner.waitUntilIdle(timeout: .seconds(60)))
        #expect(sawSteps)
        #expect(final.training.stepLosses.count >= 2)
        #expect(final.training.form.selected == 1)
    }
}
