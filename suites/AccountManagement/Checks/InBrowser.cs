using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>
/// How a browser check gets to the page it judges: the browser ran, the action's flow ran (it is
/// advertised and its user was made), and the page loaded; otherwise it reports why not. The flow's
/// screenshots go with every outcome from the flow on, a broken one included.
/// </summary>
public static class InBrowser
{
    public static string Subject(string action) => $"{action} deep link in a browser";

    public static Outcome Judge(Observed<BrowserObservations> o, string action, Func<BrowserObservations, Observed<BrowserFlow>> flowOf,
        Func<BrowserFlow, LoadedPage, (Judgement Judgement, IReadOnlyList<MatrixResponse> Evidence)> judge)
    {
        var subject = Subject(action);
        if (!o.TryGet(out var browser, out var why) || !flowOf(browser).TryGet(out var flow, out why)) return new Outcome(subject, why);
        if (!flow.Loaded.TryGet(out var page, out why)) return new Outcome(subject, why) { Attachments = flow.Screenshots };
        var (judgement, evidence) = judge(flow, page);
        return Outcome.Of(subject, judgement, evidence) with { Attachments = flow.Screenshots };
    }
}
