import HearthCore

/// What a hook sees of the plan so far: the parts a local procedure refines, in the plan's own JSON names
/// (`case_id`, `emergency.required`, `scope.within_act`, `child_victims`, `risk`, `referrals`, `measures`,
/// `housing.options`, `housing.priority_need`, `perpetrator`).
///
/// A hook gets this summary rather than the whole plan (trace, helplines, contact) because it is built for
/// every decision; see docs/plugin-api.md, "hooks". It is written straight onto the Lua stack.
public struct HookPlanView {
    let plan: Plan

    public init(_ plan: Plan) { self.plan = plan }
}
