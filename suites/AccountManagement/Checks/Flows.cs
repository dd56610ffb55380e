using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>What the OAuth 2.0 judges say of a flow that did not end where it should: the server said no
/// (a 4xx page, or an answer a spec-conformant request should not get), the server failed (5xx), the
/// network failed, or the suite could not get through the pages over plain HTTP.</summary>
public static class Flows
{
    /// <summary>Why a flow that should have come back to the redirect URI did not.</summary>
    public static Judgement NoCallback(CodeFlow flow)
    {
        var walk = flow.Walk;
        return walk.End switch
        {
            WalkEnd.NoAnswer => Judgement.Error($"No answer during the authorisation: {walk.Describe()}."),
            WalkEnd.ServerError => Judgement.Breach($"The authorisation failed: {walk.Describe()}."),
            WalkEnd.NoForm when walk.Last.Status is >= 400 and < 500 => Judgement.Breach($"The server refused the authorisation request: {walk.Describe()}."),
            _ => Judgement.Error($"The suite could not get through the server's sign-in over plain HTTP ({walk.Describe()}); describe the sign-in in the profile's oauth.login steps."),
        };
    }

    /// <summary>Whether the server refused the flow: a 4xx page with nothing to continue with, or the
    /// browser sent back with an error.</summary>
    public static bool Refused(CodeFlow flow) =>
        flow.Callback is { Error: not null } || flow.Callback is null && flow.Walk.End == WalkEnd.NoForm && flow.Walk.Last.Status is >= 400 and < 500;

    /// <summary>"refused at authorisation (error invalid_scope)", "a token was issued": what came of a flow, for reasons and findings.</summary>
    public static string Outcome(CodeFlow flow) =>
        flow.Callback is { Error: { } error } ? $"refused at authorisation: {error}"
        : flow.Callback is null && Refused(flow) ? $"refused at authorisation: {flow.Walk.Last.Status} page"
        : flow.Callback is null ? $"no callback ({flow.Walk.Describe()})"
        : flow.Token is null ? $"a code came back ({flow.Callback.Describe()})"
        : flow.AccessToken is not null ? "a token was issued"
        : $"refused at the token endpoint: {flow.Token.StringField("error") ?? flow.Token.Summary()}";

    /// <summary>The precondition of a check that only needed a token from the flow: inconclusive when the
    /// server gave none, error when the network or the suite failed.</summary>
    public static Judgement NoToken(CodeFlow flow, string purpose)
    {
        if (flow.Callback is null)
        {
            var j = NoCallback(flow);
            return j.IsBreach ? Judgement.Inconclusive($"No token to {purpose}: {j.Reason}") : j;
        }
        if (flow.Token is { } token && Expect.Arrived(token) is { } lost) return lost;
        return Judgement.Inconclusive($"No token to {purpose}: the authorisation code grant ended with {Outcome(flow)}.");
    }
}
