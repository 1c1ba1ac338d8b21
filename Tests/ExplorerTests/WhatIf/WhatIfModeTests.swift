import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// What-if mode through `update` alone: every edit kind through its picker, undo, reset, leaving,
/// the picker's search, and what the screens compute (the model on the edited history).
@Suite struct WhatIfModeTests {
    let dataset = Fixtures.data.dataset
    let model = WhatIfFixtures.model
    let u = WhatIfFixtures.user

    /// The model on u0001's own history with `edits` applied: what every screen must show.
    func expected(_ edits: [WhatIfEdit], target: Int) throws -> (UserExplanation, TransferTrace) {
        let original = model.events(of: model.profile(ofUser: u, in: dataset, split: nil), in: dataset)
        let events = try WhatIfEdit.apply(edits, to: original, in: dataset)
        return (model.explain(user: u, events: events), model.traceTransfer(events: events, target: target, count: 10, in: dataset))
    }

    func inWhatIf(screen: Character = "2") -> AppState {
        var state = WhatIfFixtures.state()
        Fixtures.press(.character(screen), .character("W"), into: &state)
        return state
    }

    @Test func wEntersAndLeavesWithTheHeaderAndAMessage() throws {
        var state = WhatIfFixtures.state()
        let own = state.model?.explanation
        Fixtures.press(.character("2"), .character("W"), into: &state)
        #expect(state.whatIf?.user == u && state.whatIf?.edits == [])
        #expect(Fixtures.frame(state).text.contains("what-if · 0 edits"))
        #expect(state.model?.whatIfBefore?.explanation == own)
        Fixtures.press(.character("W"), into: &state)
        #expect(state.whatIf == nil && state.model?.whatIfBefore == nil)
        #expect(state.status?.text == "left what-if")
        // With edits, Esc leaves too (not back to Users) and says the edits are discarded.
        Fixtures.press(.character("W"), .character("H"), .enter, into: &state)
        #expect(state.whatIf?.edits.count == 1)
        Fixtures.press(.escape, into: &state)
        #expect(state.whatIf == nil && state.screen == .interests)
        #expect(state.status?.text.contains("the 1 edit is discarded") == true)
        #expect(state.model?.explanation == own)
    }

    @Test func addingAnItemPicksItFromASceneCatalogueWithSearch() throws {
        var state = inWhatIf()
        Fixtures.press(.character("+"), into: &state)
        #expect(state.activeKeyMap.bindings.map(\.description) == KeyMaps.whatIfPicker.bindings.map(\.description))
        #expect(state.whatIf?.picker?.scene == 0)
        Fixtures.press(.tab, into: &state)
        let tech = WhatIfFixtures.scene("tech")
        #expect(state.whatIf?.picker?.scene == tech && state.whatIf?.picker?.rows.count == dataset.itemsByScene[tech].count)
        // Letters type into the search (q does not quit, W does not leave, j does not move).
        WhatIfFixtures.type("tech-1 q", into: &state)
        #expect(state.whatIf?.picker?.query.text == "tech-1 q" && state.whatIf?.picker?.rows == [])
        Fixtures.press(.backspace, .backspace, into: &state)
        let rows = try #require(state.whatIf?.picker?.rows)
        #expect(!rows.isEmpty && rows.allSatisfy { dataset.itemID(Int32($0)).contains("tech-1") && dataset.items.scene[$0] == Int32(tech) })
        Fixtures.press(.down, .control("f"), .control("f"), into: &state)
        #expect(state.whatIf?.picker?.sentiment == -1)
        Fixtures.press(.enter, into: &state)
        let edit = WhatIfEdit.add(item: Int32(rows[1]), feedback: -1)
        #expect(state.whatIf?.edits == [edit] && state.whatIf?.picker == nil)
        let (explanation, trace) = try expected([edit], target: 0)
        #expect(state.model?.explanation == explanation && state.model?.trace == trace)
        #expect(state.status?.text.contains("added \(dataset.itemID(Int32(rows[1]))) (−1)") == true)
    }

    @Test func removingAndFlippingPickFromTheEditedHistory() throws {
        var state = inWhatIf(screen: "4")
        let original = model.events(of: model.profile(ofUser: u, in: dataset, split: nil), in: dataset)
        Fixtures.press(.character("-"), into: &state)
        // Newest first, each item once.
        #expect(state.whatIf?.picker?.rows.first == Int(original.last!.item))
        #expect(state.whatIf?.picker?.rows.count == Set(original.map(\.item)).count)
        Fixtures.press(.enter, into: &state)
        let removed = original.last!.item
        #expect(state.whatIf?.edits == [.remove(item: removed)])
        Fixtures.press(.character("~"), into: &state)
        // The removed interaction is gone from the list (unless the item was seen before).
        let next = original[original.count - 2]
        #expect(state.whatIf?.picker?.rows.first == Int(next.item))
        Fixtures.press(.enter, into: &state)
        let edits: [WhatIfEdit] = [.remove(item: removed), .setSentiment(item: next.item, feedback: next.feedback > 0 ? -1 : 1)]
        #expect(state.whatIf?.edits == edits)
        let (explanation, trace) = try expected(edits, target: 0)
        #expect(state.model?.explanation == explanation && state.model?.trace == trace)
    }

    @Test func hidingASceneTogglesAndSearchFiltersScenes() throws {
        var state = inWhatIf(screen: "3")
        Fixtures.press(.character("H"), into: &state)
        WhatIfFixtures.type("SPORT", into: &state)
        let sports = WhatIfFixtures.scene("sports")
        #expect(state.whatIf?.picker?.rows == [sports])
        Fixtures.press(.enter, into: &state)
        #expect(state.whatIf?.edits == [.hide(scene: sports)])
        #expect(state.model?.explanation?.scenes[sports].isActive == false)
        #expect(state.model?.whatIfBefore?.explanation.scenes[sports].isActive == true)
        // Again: the scene shows again (its hide edit is dropped).
        Fixtures.press(.character("H"), into: &state)
        WhatIfFixtures.type("sports", into: &state)
        Fixtures.press(.enter, into: &state)
        #expect(state.whatIf?.edits == [])
        #expect(state.model?.explanation?.scenes[sports].isActive == true)
        // Esc closes the picker without an edit, still in what-if.
        Fixtures.press(.character("H"), .escape, into: &state)
        #expect(state.whatIf?.picker == nil && state.whatIf?.edits == [])
    }

    @Test func undoDropsTheLastEditAndResetDropsAll() throws {
        var state = inWhatIf()
        Fixtures.press(.character("U"), into: &state)
        #expect(state.status?.text == "no edit to undo")
        Fixtures.press(.character("H"), .enter, .character("-"), .enter, into: &state)
        let two = try #require(state.whatIf?.edits)
        #expect(two.count == 2)
        Fixtures.press(.character("U"), into: &state)
        #expect(state.whatIf?.edits == [two[0]])
        let (explanation, _) = try expected([two[0]], target: 0)
        #expect(state.model?.explanation == explanation)
        Fixtures.press(.character("R"), into: &state)
        #expect(state.whatIf?.edits == [] && state.whatIf != nil)
        #expect(state.model?.explanation == state.model?.whatIfBefore?.explanation)
    }

    @Test func theUserStaysWhileEditingAndAnotherUserEndsWhatIf() throws {
        var state = inWhatIf(screen: "3")
        Fixtures.press(.character("]"), into: &state)
        #expect(state.selectedUser == u && state.whatIf != nil)
        #expect(state.status?.text.contains("leave it (W) before choosing another user") == true)
        Fixtures.press(.character("H"), .enter, .character("1"), .down, .enter, into: &state)
        #expect(state.selectedUser != u && state.whatIf == nil)
        #expect(state.status?.text.contains("another user is selected; the 1 edit is discarded") == true)
        #expect(state.model?.whatIfBefore == nil)
    }

    @Test func whatIfKeysShowInHintsAndHelp() {
        var state = inWhatIf(screen: "4")
        let hints = statusHints(state, width: 200)
        #expect(hints.hasPrefix("W leave what-if · + add an item · - remove an interaction"))
        Fixtures.press(.character("?"), into: &state)
        let text = Fixtures.frame(WhatIfFixtures.state(width: 200, height: 60).with { Fixtures.press(.character("4"), .character("W"), .character("?"), into: &$0) }).text
        #expect(text.contains("What-if picker") && text.contains("sentiment (adding: +1, 0, −1)"))
        Fixtures.press(.escape, .character("+"), into: &state)
        #expect(statusHints(state, width: 200).hasPrefix("typing filters the list · Enter edit · Esc close · Tab next scene · Ctrl-F sentiment"))
    }
}

extension AppState {
    /// A copy changed by `change` (for building a state in one expression).
    func with(_ change: (inout AppState) -> Void) -> AppState {
        var copy = self
        change(&copy)
        return copy
    }
}
