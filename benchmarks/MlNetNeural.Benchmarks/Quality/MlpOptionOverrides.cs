using System.Globalization;
using System.Reflection;
using MlNetNeural.Trainers;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>
/// Mlp options set by name from the command line (<c>--mlp-set "HiddenLayers=256,256;Dropout=0.15"</c>), so the
/// benchmark can measure a candidate default against the current ones on the same splits.
/// </summary>
public sealed class MlpOptionOverrides
{
    private readonly (PropertyInfo? Property, string Name, string Value)[] _settings;

    private MlpOptionOverrides((PropertyInfo?, string, string)[] settings) => _settings = settings;

    /// <summary>No overrides: every option at its default.</summary>
    public static MlpOptionOverrides None { get; } = new([]);

    /// <summary>The overrides as written, for reports.</summary>
    public string Text => string.Join(";", _settings.Select(s => $"{s.Name}={s.Value}"));

    /// <summary>Parses <c>Name=Value;Name=Value</c>; arrays as comma-separated values, enums by name.</summary>
    /// <exception cref="ArgumentException">A name is not an Mlp option, or a value does not parse.</exception>
    public static MlpOptionOverrides Parse(string text)
    {
        var settings = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--mlp-set takes Name=Value pairs separated by ';'; got '{pair}'.");
            string name = pair[..equals].Trim(), value = pair[(equals + 1)..].Trim();
            var property = FindProperty(name);
            Convert(value, property?.PropertyType ?? typeof(string), name); // fail early on a bad value
            return (property, name, value);
        }).ToArray();
        return new MlpOptionOverrides(settings);
    }

    /// <summary>Sets the overrides on <paramref name="options"/> (options a task's options class does not have are skipped).</summary>
    public TOptions ApplyTo<TOptions>(TOptions options) where TOptions : MlpTrainerOptions
    {
        foreach (var (_, name, value) in _settings)
        {
            var property = options.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            property?.SetValue(options, Convert(value, property.PropertyType, name));
        }
        return options;
    }

    private static PropertyInfo? FindProperty(string name)
    {
        var property = new[] { typeof(MlpBinaryTrainer.Options), typeof(MlpMulticlassTrainer.Options), typeof(MlpRegressionTrainer.Options) }
            .Select(type => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)).FirstOrDefault(p => p is { CanWrite: true });
        return property ?? throw new ArgumentException($"'{name}' is not a settable Mlp option.");
    }

    private static object? Convert(string value, Type type, string name)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (value.Length == 0 || value == "null") return Nullable.GetUnderlyingType(type) is null && type.IsValueType ? throw new FormatException("null") : null;
            if (target == typeof(int[])) return value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            if (target.IsEnum) return Enum.Parse(target, value, ignoreCase: true);
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"--mlp-set: '{value}' is not a valid value for {name} ({target.Name}).", e);
        }
    }
}
