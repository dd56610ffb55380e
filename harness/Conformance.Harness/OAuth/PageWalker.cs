using System.Net;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using RestSharp;

namespace Conformance.Harness.OAuth;

/// <summary>How a walk through a server's pages ended.</summary>
public enum WalkEnd
{
    /// <summary>A redirect led where the walk was going (the redirect URI, a client's callback).</summary>
    Destination,
    /// <summary>A page with no form the walker could fill.</summary>
    NoForm,
    /// <summary>A page answered 5xx.</summary>
    ServerError,
    /// <summary>A request got no answer.</summary>
    NoAnswer,
    /// <summary>Still no destination after <see cref="PageWalker.MaxPages"/> pages.</summary>
    TooManyPages,
}

/// <summary>The pages of one walk, in order, and how it ended. <see cref="Confirmations"/> counts the forms
/// submitted that were not sign-in forms (consent, approval, confirmation).</summary>
public sealed record PageWalk(IReadOnlyList<MatrixResponse> Pages, WalkEnd End, Uri? Destination, int Confirmations)
{
    public MatrixResponse Last => Pages[^1];

    /// <summary>"after 3 pages, ended on GET /oauth2/authorize (400) with no form": for reasons.</summary>
    public string Describe() => End switch
    {
        WalkEnd.Destination => $"after {Pages.Count} page(s), redirected to {Destination!.GetLeftPart(UriPartial.Path)}",
        WalkEnd.NoAnswer => $"no answer to {Last.Exchange.Method} {Last.Exchange.Url}: {Last.NetworkError}",
        WalkEnd.TooManyPages => $"still no redirect after {Pages.Count} pages (the last: {Last.Exchange.Method} {Path(Last)} → {Last.Status})",
        _ => $"after {Pages.Count} page(s), {Last.Exchange.Method} {Path(Last)} answered {Last.Status}{(End == WalkEnd.NoForm ? " with no form to continue with" : "")}",
    };

    private static string Path(MatrixResponse r) => Uri.TryCreate(r.Exchange.Url, UriKind.Absolute, out var u) ? u.AbsolutePath : r.Exchange.Url;
}

/// <summary>
/// Walks a server's web pages over plain HTTP as a person in a browser would: follows redirects, keeps
/// cookies, and fills and submits the one form each page asks for (<see cref="HtmlFormDriver"/>: the
/// profile's steps when they fit the page, else the default filling). Every page goes through the
/// <see cref="MatrixClient"/>, so the walk is recorded, redacted, like every other exchange. No browser
/// is used: pages that need JavaScript end the walk with no form.
/// </summary>
public sealed class PageWalker(MatrixClient client, TestAccount account, IReadOnlyList<WebStep>? steps)
{
    public const int MaxPages = 10;

    /// <summary>The walker's cookies, kept across walks: a server that remembers the signed-in browser
    /// asks for the password once, as it would for a person.</summary>
    public CookieContainer Cookies { get; } = new();

    public async Task<PageWalk> WalkAsync(Uri start, Func<Uri, bool> isDestination, CancellationToken ct)
    {
        var pages = new List<MatrixResponse>();
        var confirmations = 0;
        var current = start;
        var request = Request(Method.Get, start);
        while (pages.Count < MaxPages)
        {
            var r = await client.ExecuteAsync(request, ct);
            pages.Add(r);
            if (!r.Arrived) return new PageWalk(pages, WalkEnd.NoAnswer, null, confirmations);
            if (r.Status is >= 300 and < 400 && r.Headers.TryGetValue("Location", out var location))
            {
                var next = new Uri(current, location);
                if (isDestination(next)) return new PageWalk(pages, WalkEnd.Destination, next, confirmations);
                (current, request) = (next, Request(Method.Get, next));
                continue;
            }
            if (r.Status >= 500) return new PageWalk(pages, WalkEnd.ServerError, null, confirmations);
            var submission = Submission(r.Text, current);
            if (submission is null) return new PageWalk(pages, WalkEnd.NoForm, null, confirmations);
            if (!submission.SignIn) confirmations++;
            (current, request) = submission.Method == "POST"
                ? (submission.Action, Request(Method.Post, submission.Action).AddStringBody(Encode(submission.Fields), "application/x-www-form-urlencoded"))
                : (WithQuery(submission.Action, submission.Fields), Request(Method.Get, WithQuery(submission.Action, submission.Fields)));
        }
        return new PageWalk(pages, WalkEnd.TooManyPages, null, confirmations);
    }

    private HtmlFormDriver.Submission? Submission(string html, Uri page) =>
        (steps is { Count: > 0 } ? HtmlFormDriver.Apply(html, page, steps, Placeholders) : null)
        ?? HtmlFormDriver.Fill(html, page, account.Localpart, account.Password);

    private RestRequest Request(Method method, Uri url) => new(url.ToString(), method) { CookieContainer = Cookies };

    private string Placeholders(string value) =>
        value.Replace("{username}", account.Localpart, StringComparison.Ordinal)
            .Replace("{user_id}", account.UserId, StringComparison.Ordinal)
            .Replace("{password}", account.Password, StringComparison.Ordinal);

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static Uri WithQuery(Uri action, IEnumerable<KeyValuePair<string, string>> fields) => new(action.GetLeftPart(UriPartial.Path) + "?" + Encode(fields));
}
