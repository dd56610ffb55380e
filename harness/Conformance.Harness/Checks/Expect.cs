using Conformance.Harness.Matrix;

namespace Conformance.Harness.Checks;

/// <summary>
/// The small vocabulary judges share for reading answers, so that "did an answer arrive" and "is this
/// the error the spec names" are decided one way everywhere.
/// </summary>
public static class Expect
{
    /// <summary>Null when every response arrived; otherwise the error judgement that says which did not.
    /// A missing answer is the network's or the harness's fault, never the server's verdict.</summary>
    public static Judgement? Arrived(params IEnumerable<MatrixResponse?> responses)
    {
        foreach (var r in responses)
            if (r is { Arrived: false }) return Judgement.Error($"No response to {r.Exchange.Method} {PathOf(r)}: {r.NetworkError}.");
        return null;
    }

    /// <summary>Null when no answer is a server failure (5xx); otherwise the inconclusive judgement that
    /// says which failed. For read-backs of state: a server that fails to say whether something happened
    /// has not said that it did (or did not).</summary>
    public static Judgement? Answered(params IEnumerable<MatrixResponse?> responses)
    {
        foreach (var r in responses)
            if (r is { Arrived: true, Status: >= 500 })
                return Judgement.Inconclusive($"{r.Exchange.Method} {PathOf(r)} answered {r.Summary()}: the server failed, so what it would have shown is unknown.");
        return null;
    }

    /// <summary>Null when no answer to a probe (a request that detects what the server offers) is a server
    /// failure; otherwise the error judgement naming it. A 5xx does not say the feature is missing, so it
    /// must never become a skip.</summary>
    public static Judgement? Probed(params IEnumerable<MatrixResponse?> responses)
    {
        foreach (var r in responses)
            if (r is { Arrived: true, Status: >= 500 })
                return Judgement.Error($"{r.Exchange.Method} {PathOf(r)} answered {r.Summary()}, a server error, so what the server offers is not known.");
        return null;
    }

    /// <summary>The answer has this status and, when given, this errcode.</summary>
    public static bool Status(MatrixResponse r, int status, string? errcode = null) =>
        r.Arrived && r.Status == status && (errcode is null || r.Errcode == errcode);

    /// <summary>403 M_FORBIDDEN, the spec's answer to a caller who may not do this.</summary>
    public static bool Forbidden(MatrixResponse r) => Status(r, 403, "M_FORBIDDEN");

    /// <summary>The request's path (no query), for reasons.</summary>
    public static string PathOf(MatrixResponse r) => Uri.TryCreate(r.Exchange.Url, UriKind.Absolute, out var u) ? u.AbsolutePath : r.Exchange.Url;

    /// <summary>The body as JSON text, or the raw text when it is not JSON: for reasons.</summary>
    public static string Body(MatrixResponse r) => r.Object?.ToJsonString() ?? r.Text;
}
