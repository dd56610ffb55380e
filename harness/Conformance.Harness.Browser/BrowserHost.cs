using Microsoft.Playwright;

namespace Conformance.Harness.Browser;

/// <summary>
/// One headless Chromium for the whole suite process; each flow gets its own context (cookies and all),
/// so one user's session never leaks into another's.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    public IBrowser Browser { get; }
    public string Executable { get; }

    private BrowserHost(IPlaywright playwright, IBrowser browser, string executable)
    {
        _playwright = playwright;
        Browser = browser;
        Executable = executable;
    }

    /// <summary>Where Chromium is: the profile's path, else CHROMIUM_PATH, else Debian's.</summary>
    public static string Locate(string? configured) =>
        configured ?? Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? DefaultChromium;

    /// <summary>Starts the browser, or returns why it cannot (the browser checks then skip with that reason).</summary>
    public static async Task<(BrowserHost? Host, string? Unavailable)> TryStartAsync(string? configured)
    {
        var executable = Locate(configured);
        if (!File.Exists(executable))
            return (null, $"no Chromium at {executable} (install Debian's chromium package, or set CHROMIUM_PATH or web.chromium)");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // Without these, Chromium tries to reach Google's services at every start.
                Args = ["--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            });
            return (new BrowserHost(playwright, browser, executable), null);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            return (null, $"Chromium at {executable} did not start: {e.Message.Split('\n')[0]}");
        }
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 800 } });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
