namespace Conformance.Harness.Matrix;

/// <summary>
/// The run's circuit breaker: after a few requests in a row got no answer at all (timed out, refused,
/// reset), or one got none and a quick look at /versions got none either (<see cref="MatrixClient"/>),
/// the target is declared unresponsive and stays so. From then on no request is sent; each fails
/// at once with the reason, so a dead or hanging server ends the run in seconds instead of one timeout
/// per request. Any answer, whatever its status, resets the count: a server that answers 500 is broken,
/// not silent. Until the target has answered once, silence is not counted: a server that is still
/// starting is the readiness wait's business (<see cref="Targets.TargetProbe"/>), not the breaker's.
/// </summary>
/// <param name="answered">Whether the target is known to have answered already (a suite started after
/// the runner's probe).</param>
public sealed class TargetHealth(bool answered = true, int threshold = TargetHealth.DefaultThreshold)
{
    public const int DefaultThreshold = 3;

    private readonly object _gate = new();
    private bool _answered = answered;
    private int _consecutive;
    private string? _downReason;

    /// <summary>Why the target was declared unresponsive; null while it answers.</summary>
    public string? DownReason
    {
        get { lock (_gate) return _downReason; }
    }

    public bool IsDown => DownReason is not null;

    /// <summary>Whether the target has answered once, so that silence now means it went silent.</summary>
    public bool HasAnswered
    {
        get { lock (_gate) return _answered; }
    }

    /// <summary>Raised once, when the target is declared unresponsive.</summary>
    public event Action<string>? WentDown;

    public void Answered()
    {
        lock (_gate) (_answered, _consecutive) = (true, 0);
    }

    /// <param name="what">The request and what happened to it, e.g. "GET /_matrix/client/v3/sync: timed out after 10 s".</param>
    public void NoAnswer(string what)
    {
        lock (_gate)
        {
            if (!_answered || ++_consecutive < threshold) return;
        }
        Declare($"the target stopped answering: {threshold} requests in a row got no answer (the last: {what})");
    }

    /// <summary>Declares the target unresponsive at once, for a request the run cannot go on without.</summary>
    public void Declare(string reason)
    {
        lock (_gate)
        {
            if (_downReason is not null) return;
            _downReason = reason;
        }
        WentDown?.Invoke(reason);
    }
}
