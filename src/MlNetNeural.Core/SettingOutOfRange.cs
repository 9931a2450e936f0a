using System.Globalization;

namespace MlNetNeural.Core;

/// <summary>The one form of the error for a setting out of range: it names the setting, the rule and the value given.</summary>
internal static class SettingOutOfRange
{
    /// <summary>"{name} {rule}; it is {value}." with <paramref name="name"/> as the parameter name.</summary>
    public static ArgumentOutOfRangeException Create(string name, object? value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}; it is {value ?? "null"}."));
}
