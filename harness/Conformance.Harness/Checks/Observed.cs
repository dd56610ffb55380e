namespace Conformance.Harness.Checks;

/// <summary>
/// What a scenario saw in one phase: the value, or why the phase could not run. The "why" is a
/// judgement (skip, inconclusive or error, with its reason and detection) that every check needing the
/// phase reports as it is, so a phase that did not run can never be mistaken for one that saw nothing.
/// </summary>
public sealed class Observed<T>
{
    private readonly T? _value;

    private Observed(T? value, Judgement? missing)
    {
        _value = value;
        Missing = missing;
    }

    /// <summary>Why the phase was not observed; null when it was.</summary>
    public Judgement? Missing { get; }

    public bool Seen => Missing is null;

    public T Value => Missing is null ? _value! : throw new InvalidOperationException($"Read of an observation that was not made: {Missing.Reason}");

    public static Observed<T> Of(T value) => new(value, null);

    public static Observed<T> NotSeen(Judgement why) => new(default, why);

    /// <summary>The usual opening of a judge: <c>if (!o.Phase.TryGet(out var p, out var why)) return …(why);</c></summary>
    public bool TryGet(out T value, out Judgement why)
    {
        value = _value!;
        why = Missing!;
        return Missing is null;
    }

    public Observed<TOut> Select<TOut>(Func<T, TOut> map) => Missing is null ? Observed<TOut>.Of(map(_value!)) : Observed<TOut>.NotSeen(Missing);

    public static implicit operator Observed<T>(T value) => Of(value);

    public override string ToString() => Missing is null ? $"seen({_value})" : $"not seen ({Missing.Verdict.Name()}: {Missing.Reason})";
}

public static class Observed
{
    public static Observed<T> Of<T>(T value) => Observed<T>.Of(value);
    public static Observed<T> NotSeen<T>(Judgement why) => Observed<T>.NotSeen(why);
}
