using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Fills and submits the one form a server-rendered page asks for, the way a person would: a login form
/// gets the username and password, a consent or confirmation form gets its boxes ticked. Works on plain
/// HTTP responses, so web login needs no browser. A profile's steps (fill, check, click by CSS selector)
/// replace the guessing for a form the default does not understand.
/// </summary>
public static class HtmlFormDriver
{
    /// <param name="SignIn">Whether the form asked who the user is (a username beside a password), as a
    /// sign-in form does; a consent or confirmation form does not.</param>
    public sealed record Submission(string Method, Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields, bool SignIn = false);

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
        var signIn = usernameField is not null && form.QuerySelector("input[type=password]") is not null;
        return new Submission(method == "POST" ? "POST" : "GET", action, fields, signIn);
    }

    /// <summary>
    /// The submission a profile's steps make: each <c>fill</c> sets the selected field, each <c>check</c>
    /// ticks the selected box, and a <c>click</c> picks the submit button (and so the form); without a
    /// click, the form of the first field named. Other fields keep the values the page gave them. Null when
    /// the page has no element a non-optional step selects (it is not the page the steps describe).
    /// </summary>
    public static Submission? Apply(string html, Uri pageUrl, IReadOnlyList<WebStep> steps, Func<string, string> fill)
    {
        var document = new HtmlParser().ParseDocument(html);
        var values = new Dictionary<IElement, string>();
        IElement? button = null;
        IHtmlFormElement? form = null;
        var signIn = false;
        foreach (var step in steps)
        {
            var selector = step.Fill ?? step.Check ?? step.Click;
            if (selector is null) continue;
            var element = document.QuerySelector(selector);
            if (element is null)
            {
                if (step.Optional) continue;
                return null;
            }
            form ??= (element as IHtmlInputElement)?.Form ?? (element as IHtmlButtonElement)?.Form ?? element.Closest("form") as IHtmlFormElement;
            if (step.Fill is not null)
            {
                values[element] = fill(step.With ?? "");
                signIn |= step.With?.Contains("{username}", StringComparison.Ordinal) == true || step.With?.Contains("{user_id}", StringComparison.Ordinal) == true;
            }
            else if (step.Check is not null) values[element] = element.GetAttribute("value") is { Length: > 0 } v ? v : "on";
            else button = element;
        }
        if (form is null) return null;

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (string.IsNullOrEmpty(input.Name)) continue;
            if (values.TryGetValue(input, out var value)) fields.Add(new(input.Name, value));
            else if (input.Type is "checkbox" or "radio") { if (input.IsChecked) fields.Add(new(input.Name, input.Value ?? "on")); }
            else if (input.Type is not ("submit" or "button" or "image")) fields.Add(new(input.Name, input.Value ?? ""));
        }
        if (button?.GetAttribute("name") is { } buttonName) fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : new Uri(pageUrl, form.GetAttribute("action")!);
        return new Submission((form.GetAttribute("method") ?? "get").Equals("post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET", action, fields, signIn);
    }
}
