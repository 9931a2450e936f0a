using System.Globalization;

namespace MedicalImaging;

/// <summary>The command line of the sample.</summary>
/// <param name="ImagesOnly">True with --images or --pretrained: run only the image part.</param>
/// <param name="ImageDirectory">Folder with one sub-folder per class; null = synthetic demo images.</param>
/// <param name="Pretrained">Use ResNet18 features instead of pixels.</param>
/// <param name="TargetSensitivity">Sensitivity the operating point must reach on held-out training predictions.</param>
/// <param name="Repeats">Repetitions of the 5-fold partition in part 1.</param>
/// <param name="McPasses">Monte-Carlo dropout passes per case.</param>
/// <param name="Seed">Seed of folds, models and dropout masks.</param>
/// <param name="ShowHelp">Print usage and stop.</param>
public sealed record SampleOptions(bool ImagesOnly, string? ImageDirectory, bool Pretrained, double TargetSensitivity, int Repeats, int McPasses, int Seed, bool ShowHelp)
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        dotnet run -c Release --project samples/MedicalImaging [-- options]

          (no options)               diagnosis from image measurements (WDBC, Hill 2007 cells): 5-fold CV of
                                     our Mlp vs LbfgsLogisticRegression vs LightGbm; Monte-Carlo dropout
                                     referral table; image pipeline demo on synthetic (non-medical) PNGs
          --images [DIR]             only the image part, on DIR (one sub-folder per class);
                                     without DIR, on synthetic (non-medical) PNGs
          --pretrained               image part with frozen ResNet18 features (implies --images)
          --target-sensitivity X     operating point's target sensitivity, in (0, 1]; default 0.98
          --repeats N                repetitions of the 5-fold partition (repeated CV); default 3
          --mc-passes N              Monte-Carlo dropout passes; default 50
          --seed N                   default 1
          --help
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(false, null, false, 0.98, 3, 50, 1, false);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options = arg switch
            {
                "--help" or "-h" => options with { ShowHelp = true },
                "--images" => options with { ImagesOnly = true, ImageDirectory = hasValue ? args[++i] : null },
                "--pretrained" => options with { ImagesOnly = true, Pretrained = true },
                "--target-sensitivity" => options with { TargetSensitivity = Number(arg, hasValue ? args[++i] : null, 0, 1, exclusiveLow: true) },
                "--repeats" => options with { Repeats = (int)Number(arg, hasValue ? args[++i] : null, 1, 100) },
                "--mc-passes" => options with { McPasses = (int)Number(arg, hasValue ? args[++i] : null, 2, 10_000) },
                "--seed" => options with { Seed = (int)Number(arg, hasValue ? args[++i] : null, int.MinValue, int.MaxValue) },
                _ => throw new ArgumentException($"Unknown argument '{arg}'.\n{Usage}"),
            };
        }
        return options;
    }

    private static double Number(string name, string? text, double low, double high, bool exclusiveLow = false)
    {
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new ArgumentException($"{name} needs a number, got '{text ?? "nothing"}'.");
        if (value > high || value < low || (exclusiveLow && value == low))
            throw new ArgumentException($"{name} {text} is out of range {(exclusiveLow ? "(" : "[")}{low}, {high}].");
        return value;
    }
}
