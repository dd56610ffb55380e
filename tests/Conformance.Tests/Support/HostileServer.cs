using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReferenceHomeserver;

namespace Conformance.Tests.Support;

/// <summary>How a <see cref="HostileServer"/> misbehaves once its fault starts.</summary>
public enum HostileMode
{
    /// <summary>Never answers (the connection stays open, nothing comes back).</summary>
    Hang,
    /// <summary>Stops listening: every connection is refused or reset.</summary>
    Die,
    /// <summary>Every tenth request to the client API gets 429 with <c>retry_after_ms: -1</c>; the rest are forwarded.</summary>
    RetryAfterMsNegative,
    /// <summary>Every tenth request to the client API gets 429 with <c>Retry-After: -5</c> and no body hint.</summary>
    RetryAfterHeaderNegative,
    /// <summary><c>GET /_matrix/client/v3/login</c> answers a 50 MB JSON body; the rest are forwarded.</summary>
    HugeBody,
    /// <summary>Every request gets 500 M_UNKNOWN.</summary>
    ServerError,
    /// <summary>Every request gets 200 with an HTML page.</summary>
    Garbage,
    /// <summary>Forwards everything, but hands out tokens of its own (with <c>/ + =</c> in them) in place
    /// of the server's, and echoes them back: JSON pretty-printed after leading whitespace, the token in
    /// response headers, in error text, URL-encoded and JSON-escaped.</summary>
    TokenEcho,
}

/// <summary>
/// A proxy in front of the reference homeserver that turns hostile: it forwards the first requests
/// faithfully (so the run gets past its probe, and as far into the suites as the test wants), then
/// misbehaves in one <see cref="HostileMode"/>. The hostile targets implementers' half-broken servers
/// are, made repeatable.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    public const string SharedSecret = "hostile-server-shared-secret";

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly HostileMode _mode;
    private readonly Func<HttpRequest, int, bool> _faultStarts;
    private readonly CancellationTokenSource _stopping = new();
    private int _requests;
    private volatile bool _faulting;

    public ReferenceServer Upstream { get; }
    public string Url { get; private set; } = "";
    public TokenEcho Echo { get; } = new();
    /// <summary>How many requests reached the proxy.</summary>
    public int Requests => _requests;

    private HostileServer(WebApplication app, ReferenceServer upstream, HostileMode mode, Func<HttpRequest, int, bool> faultStarts)
    {
        (_app, Upstream, _mode, _faultStarts) = (app, upstream, mode, faultStarts);
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Misbehaves from the first request after <c>GET /_matrix/client/versions</c> has been answered.</summary>
    public static Task<HostileServer> AfterVersionsAsync(HostileMode mode, int port = 0) =>
        StartAsync(mode, port, (request, _) => !request.Path.StartsWithSegments("/_matrix/client/versions"));

    /// <summary>Misbehaves from the first request to <paramref name="path"/> on (that request included):
    /// with a path only the locked sweep asks for, the run is well into the suites when the fault starts.</summary>
    public static Task<HostileServer> AfterPathAsync(HostileMode mode, string path, int port = 0) =>
        StartAsync(mode, port, (request, _) => request.Path.StartsWithSegments(path));

    /// <summary>Misbehaves from request number <paramref name="count"/> + 1 on.</summary>
    public static Task<HostileServer> AfterRequestsAsync(HostileMode mode, int count, int port = 0) =>
        StartAsync(mode, port, (_, n) => n > count);

    /// <summary>Misbehaves the way the mode says from the start (modes that only touch some requests).</summary>
    public static Task<HostileServer> StartAsync(HostileMode mode, int port = 0) => StartAsync(mode, port, (_, _) => true);

    private static async Task<HostileServer> StartAsync(HostileMode mode, int port, Func<HttpRequest, int, bool> faultStarts)
    {
        var upstream = await ReferenceServer.StartAsync(new ReferenceServerOptions { SharedSecret = SharedSecret, AppserviceToken = "hostile-appservice-token" });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => { k.AddServerHeader = false; k.Limits.MaxRequestBodySize = null; });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new HostileServer(app, upstream, mode, faultStarts);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var n = Interlocked.Increment(ref _requests);
        if (!_faulting && _faultStarts(ctx.Request, n)) _faulting = true;
        if (!_faulting) { await ForwardAsync(ctx, echo: false); return; }
        switch (_mode)
        {
            case HostileMode.Hang:
                try { await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token).Token); }
                catch (OperationCanceledException) { }
                ctx.Abort();
                return;
            case HostileMode.Die:
                ctx.Abort();
                _ = Task.Run(() => _app.StopAsync());
                return;
            case HostileMode.RetryAfterMsNegative when n % 10 == 0 && IsClientApi(ctx.Request):
                ctx.Response.StatusCode = 429;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":-1}""");
                return;
            case HostileMode.RetryAfterHeaderNegative when n % 10 == 0 && IsClientApi(ctx.Request):
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers.RetryAfter = "-5";
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests"}""");
                return;
            case HostileMode.HugeBody when ctx.Request.Method == "GET" && ctx.Request.Path == "/_matrix/client/v3/login":
                await WriteHugeBodyAsync(ctx);
                return;
            case HostileMode.ServerError:
                ctx.Response.StatusCode = 500;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"errcode":"M_UNKNOWN","error":"Internal server error"}""");
                return;
            case HostileMode.Garbage:
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><body>It works!</body></html>");
                return;
            default:
                await ForwardAsync(ctx, echo: _mode == HostileMode.TokenEcho);
                return;
        }
    }

    private static async Task WriteHugeBodyAsync(HttpContext ctx)
    {
        const int size = 50 * 1024 * 1024;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = size;
        var head = """{"flows":[{"type":"m.login.password"}],"padding":" """u8.ToArray();
        var tail = "\"}"u8.ToArray();
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            await ctx.Response.Body.WriteAsync(head, ctx.RequestAborted);
            for (var left = size - head.Length - tail.Length; left > 0; left -= chunk.Length)
                await ctx.Response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), ctx.RequestAborted);
            await ctx.Response.Body.WriteAsync(tail, ctx.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException) { /* the client stopped reading: as it should */ }
    }

    private async Task ForwardAsync(HttpContext ctx, bool echo)
    {
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), Upstream.BaseUrl + ctx.Request.Path + ctx.Request.QueryString);
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        var bytes = buffer.ToArray();
        string? sentToken = null;
        var sentText = "";
        if (echo)
        {
            (var uri, sentText, sentToken) = Echo.Inbound(request.RequestUri!, System.Text.Encoding.UTF8.GetString(bytes), ctx.Request.Headers.Authorization.ToString());
            request.RequestUri = uri;
            if (IsText(ctx.Request.ContentType)) bytes = System.Text.Encoding.UTF8.GetBytes(sentText);
        }
        if (bytes.Length > 0 || ctx.Request.ContentLength is > 0)
        {
            request.Content = new ByteArrayContent(bytes);
            if (ctx.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (name is "Content-Type" or "Content-Length" or "Transfer-Encoding" or "Connection") continue;
            var value = echo && name == "Authorization" && sentToken is not null ? "Bearer " + Echo.UpstreamOf(sentToken) : values.ToString();
            request.Headers.TryAddWithoutValidation(name, value);
        }
        // The server builds absolute URLs from Host: keep the proxy's, so browsers and OAuth come back here.
        request.Headers.Host = ctx.Request.Host.Value;

        using var response = await _upstream.SendAsync(request, ctx.RequestAborted);
        ctx.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Content-Length" or "Connection")) ctx.Response.Headers[name] = values.ToArray();
        bytes = await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
        if (echo && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var text = Echo.Outbound(System.Text.Encoding.UTF8.GetString(bytes), sentToken, sentText);
            bytes = System.Text.Encoding.UTF8.GetBytes(text);
            if (sentToken is not null)
            {
                ctx.Response.Headers.WWWAuthenticate = $"Bearer realm=\"hostile\", error_description=\"you sent {sentToken}\"";
                ctx.Response.Headers.CacheControl = $"no-store, token={Uri.EscapeDataString(sentToken)}";
                ctx.Response.Headers["X-Echo-Token"] = sentToken;
            }
        }
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>Rate limits apply to the client API, as servers apply them; not to /versions, web pages or OAuth.</summary>
    private static bool IsClientApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/_matrix/client") && !request.Path.StartsWithSegments("/_matrix/client/versions");

    private static bool IsText(string? contentType) =>
        contentType is not null && (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try { await _app.StopAsync(); } catch (ObjectDisposedException) { }
        await _app.DisposeAsync();
        _upstream.Dispose();
        await Upstream.DisposeAsync();
    }
}
