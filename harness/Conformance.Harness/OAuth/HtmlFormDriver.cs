using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Fills and submits the one form a server-rendered page asks for, the way a person would: a login form
/// gets the username and password, a consent or confirmation form gets its boxes ticked. Works on plain
/// HTTP responses, so web login needs no browser.
/// </summary>
public static class HtmlFormDriver
{
    public sealed record Submission(string Method, Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

    private static readonly string[] UsernameHints = ["user", "login", "identifier", "email", "name"];

    /// <summary>Returns the submission for the page, or null when it has no form.</summary>
    public static Submission? Fill(string html, Uri pageUrl, string username, string password)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = document.Forms.ToList();
        var form = forms.FirstOrDefault(f => f.QuerySelector("input[type=password]") is not null) ?? (forms.Count == 1 ? forms[0] : forms.FirstOrDefault());
        if (form is null) return null;

        var fields = new List<KeyValuePair<string, string>>();
        var usernameField = form.QuerySelectorAll<IHtmlInputElement>("input")
            .Where(i => i.Type is "text" or "email" or "" && !string.IsNullOrEmpty(i.Name))
            .OrderByDescending(i => UsernameHints.Any(h => i.Name!.Contains(h, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (string.IsNullOrEmpty(input.Name)) continue;
            switch (input.Type)
            {
                case "password": fields.Add(new(input.Name, password)); break;
                case "checkbox": fields.Add(new(input.Name, string.IsNullOrEmpty(input.Value) ? "on" : input.Value)); break;
                case "radio": if (input.IsChecked) fields.Add(new(input.Name, input.Value ?? "on")); break;
                case "submit" or "button" or "image": break;
                default: fields.Add(new(input.Name, input == usernameField ? username : input.Value ?? "")); break;
            }
        }
        // A named submit button is part of what the server receives.
        if (form.QuerySelector("button[type=submit][name], button:not([type])[name], input[type=submit][name]") is { } button
            && button.GetAttribute("name") is { } buttonName)
            fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : new Uri(pageUrl, form.GetAttribute("action")!);
        var method = (form.GetAttribute("method") ?? "get").ToUpperInvariant();
        return new Submission(method == "POST" ? "POST" : "GET", action, fields);
    }
}
