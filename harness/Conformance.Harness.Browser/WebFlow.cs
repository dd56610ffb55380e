using Conformance.Harness.Profiles;
using Microsoft.Playwright;

namespace Conformance.Harness.Browser;

/// <summary>
/// A person at a browser on the server's web pages: signs in when a page asks (the profile's steps, or
/// the default: the form with a password field), reads what a page shows, and confirms (the profile's
/// steps, or the default: fill the form's password fields, tick its boxes, submit). Every step can leave
/// a screenshot.
/// </summary>
public sealed class WebFlow(IPage page, WebSection web, WebDefaults defaults, WebCredentials credentials, string accountUri)
{
    /// <summary>How long an optional step waits for its element before it is skipped.</summary>
    private static readonly TimeSpan OptionalWait = TimeSpan.FromSeconds(1);

    private static readonly string[] UsernameHints = ["user", "login", "identifier", "email", "name", "account"];
    private const string TextInputs = "input[type=text], input[type=email], input:not([type])";
    private const string Submits = "button[type=submit], button:not([type]), input[type=submit]";

    public IPage Page => page;

    public async Task<PageView> GotoAsync(string url, string? screenshot)
    {
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return await ViewAsync(screenshot);
    }

    public async Task<PageView> ViewAsync(string? screenshot)
    {
        string text;
        try { text = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 5000 }); }
        catch (PlaywrightException) { text = ""; }
        var password = await page.Locator("input[type=password]:visible").CountAsync() > 0;
        var usernameLike = await page.Locator(Visible(TextInputs)).CountAsync() > 0;
        var controls = new List<string>();
        foreach (var control in await page.Locator(Visible(Submits) + ", [role=button]:visible, a:visible").AllAsync())
        {
            var label = (await control.InnerTextAsync()).Trim();
            if (label.Length == 0) label = await control.GetAttributeAsync("value") ?? "";
            var tag = await control.EvaluateAsync<string>("e => e.tagName.toLowerCase()");
            // A link only counts when its words confirm something; a form's button always does.
            if (tag != "a" || defaults.ConfirmationWords.Any(w => label.Contains(w, StringComparison.OrdinalIgnoreCase))) controls.Add(label);
        }
        if (screenshot is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }
        var signIn = web.SignInPage is { } marker ? await page.Locator(marker).CountAsync() > 0 : password && usernameLike;
        return new PageView { Url = page.Url, Text = text, IsSignIn = signIn, AsksForPassword = password, Controls = controls, Screenshot = screenshot };
    }

    /// <summary>Signs in if the page is a sign-in page; true when it was one.</summary>
    public async Task<bool> SignInIfAskedAsync()
    {
        if (!(await ViewAsync(null)).IsSignIn) return false;
        if (web.Login is { Count: > 0 } steps) await RunStepsAsync(steps);
        else await DefaultSignInAsync();
        return true;
    }

    /// <summary>Completes the confirmation of <paramref name="action"/> on the current page: the profile's
    /// steps for that action, else its steps for every action, else the default. Returns true when a sign-in
    /// page came up on the way (the server asked for the password again that way) and was answered.</summary>
    public async Task<bool> ConfirmAsync(string action)
    {
        if (web.ConfirmPerAction.TryGetValue(action, out var own) && own.Count > 0) await RunStepsAsync(own);
        else if (web.Confirm is { Count: > 0 } steps) await RunStepsAsync(steps);
        else await DefaultConfirmAsync();
        return await SignInIfAskedAsync();
    }

    private async Task DefaultSignInAsync()
    {
        var form = page.Locator("form:has(input[type=password])").First;
        ILocator? best = null;
        var bestScore = -1;
        foreach (var field in await form.Locator(Visible(TextInputs)).AllAsync())
        {
            if (!await field.IsEditableAsync()) continue;
            var name = $"{await field.GetAttributeAsync("name")} {await field.GetAttributeAsync("id")} {await field.GetAttributeAsync("autocomplete")}";
            var score = UsernameHints.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            if (score > bestScore) (best, bestScore) = (field, score);
        }
        if (best is not null) await best.FillAsync(credentials.Username);
        await form.Locator("input[type=password]:visible").First.FillAsync(credentials.Password);
        foreach (var box in await form.Locator("input[type=checkbox]:visible").AllAsync()) await box.CheckAsync();
        await SubmitAsync(form);
    }

    private async Task DefaultConfirmAsync()
    {
        var withPassword = page.Locator("form:has(input[type=password])");
        var form = await withPassword.CountAsync() > 0 ? withPassword.First : page.Locator($"form:has({Submits})").First;
        foreach (var field in await form.Locator("input[type=password]:visible").AllAsync()) await field.FillAsync(credentials.Password);
        foreach (var box in await form.Locator("input[type=checkbox]:visible").AllAsync()) await box.CheckAsync();
        await SubmitAsync(form);
    }

    private async Task SubmitAsync(ILocator form)
    {
        var submit = form.Locator(Visible(Submits)).First;
        await ClickAndSettleAsync(submit);
    }

    /// <summary>
    /// Clicks, then waits until a new document has finished loading. The old document is marked before the
    /// click, so the wait cannot mistake it for the new one, whatever order the browser's events arrive in.
    /// A click that starts no navigation within five seconds updated the page in place.
    /// </summary>
    private async Task ClickAndSettleAsync(ILocator target)
    {
        var navigated = false;
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame) navigated = true;
        }
        await page.EvaluateAsync("() => { window.__conformanceOldDocument = true; }");
        page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            var clicked = DateTime.UtcNow;
            while (DateTime.UtcNow - clicked < SettleTimeout)
            {
                try
                {
                    var state = await page.EvaluateAsync<string>("() => (window.__conformanceOldDocument ? 'old' : 'new') + ':' + document.readyState");
                    if (state == "new:complete") return;
                    if (state.StartsWith("old", StringComparison.Ordinal) && !navigated && DateTime.UtcNow - clicked > TimeSpan.FromSeconds(5)) return;
                }
                catch (PlaywrightException)
                {
                    // The document is being replaced; ask again.
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"The page did not finish loading within {SettleTimeout.TotalSeconds:0} s of the click.");
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
    }

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    private async Task RunStepsAsync(IEnumerable<WebStep> steps)
    {
        foreach (var step in steps)
        {
            if (step.Optional && !await PresentAsync(step)) continue;
            if (step.Goto is { } url) await page.GotoAsync(Fill(url));
            else if (step.Fill is { } field) await page.Locator(field).First.FillAsync(Fill(step.With ?? ""));
            else if (step.Click is { } click) await ClickAndSettleAsync(page.Locator(click).First);
            else if (step.Check is { } box) await page.Locator(box).First.CheckAsync();
            else if (step.WaitForUrl is { } glob) await page.WaitForURLAsync(glob);
            else if (step.WaitForText is { } text) await page.GetByText(text).First.WaitForAsync();
        }
    }

    /// <summary>Whether an optional step's element shows up within a short wait.</summary>
    private async Task<bool> PresentAsync(WebStep step)
    {
        var selector = step.Fill ?? step.Click ?? step.Check;
        var target = selector is not null ? page.Locator(selector).First
            : step.WaitForText is { } text ? page.GetByText(text).First : null;
        if (target is null) return true;
        try
        {
            await target.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)OptionalWait.TotalMilliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private string Fill(string template) =>
        template.Replace("{username}", credentials.Username, StringComparison.Ordinal)
            .Replace("{user_id}", credentials.UserId, StringComparison.Ordinal)
            .Replace("{password}", credentials.Password, StringComparison.Ordinal)
            .Replace("{account_uri}", accountUri, StringComparison.Ordinal);

    private static string Visible(string selectors) => string.Join(", ", selectors.Split(", ").Select(s => s + ":visible"));
}
