using Conformance.Harness.Profiles;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>Durations and sizes as profiles write them: every accepted value fits the timers and buffers
/// it sets; anything else is refused rather than overflowing.</summary>
public sealed class ProfileValuesTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1440m", 86_400_000)]
    public void Durations_parse(string text, double ms)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("99999999999m")]
    [InlineData("1441m")]
    [InlineData("10h")]
    [InlineData("-1s")]
    [InlineData("")]
    public void Durations_too_long_or_malformed_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("65536", 65536)]
    [InlineData("512KiB", 512 * 1024)]
    [InlineData("1MiB", 1024 * 1024)]
    [InlineData("1GiB", 1024 * 1024 * 1024)]
    public void Sizes_parse(string text, long bytes)
    {
        Assert.True(ByteSizes.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("1MB")]
    [InlineData("-1")]
    [InlineData("9999999999999KiB")]
    [InlineData("2GiB")]
    [InlineData("999999999999GiB")]
    [InlineData("lots")]
    public void Sizes_malformed_or_too_large_are_refused(string text) => Assert.False(ByteSizes.TryParse(text, out _));
}
