namespace MlNetNeural.Reports.Mlp;

/// <summary>
/// Which MLP trainer options had an effect on a given run, read from the option names and values the trainer records
/// (<c>MlpModelParameters.TrainerOptions</c>): e.g. <c>Momentum</c> only matters for SGD, <c>WarmupEpochs</c> only for
/// the cosine schedule, the early-stopping options only when there was validation data.
/// </summary>
internal static class ApplicableOptions
{
    /// <summary>(option, the setting it depends on, the values of that setting for which it applies, why it is listed as inactive).</summary>
    private static readonly (string Option, string Setting, string[] Values, string Reason)[] Rules =
    [
        ("Momentum", "Optimizer", ["Sgd"], "used by the Sgd optimizer only"),
        ("Nesterov", "Optimizer", ["Sgd"], "used by the Sgd optimizer only"),
        ("Beta1", "Optimizer", ["Adam", "AdamW"], "used by Adam and AdamW only"),
        ("Beta2", "Optimizer", ["Adam", "AdamW"], "used by Adam and AdamW only"),
        ("Epsilon", "Optimizer", ["Adam", "AdamW"], "used by Adam and AdamW only"),
        ("WeightDecay", "Optimizer", ["AdamW"], "used by the AdamW optimizer only"),
        ("StepDecayEpochs", "LearningRateSchedule", ["StepDecay"], "used by the StepDecay schedule only"),
        ("StepDecayFactor", "LearningRateSchedule", ["StepDecay"], "used by the StepDecay schedule only"),
        ("WarmupEpochs", "LearningRateSchedule", ["CosineWithWarmup"], "used by the CosineWithWarmup schedule only"),
        ("MinimumLearningRateFactor", "LearningRateSchedule", ["CosineWithWarmup"], "used by the CosineWithWarmup schedule only"),
        ("PlateauFactor", "LearningRateSchedule", ["ReduceOnPlateau"], "used by the ReduceOnPlateau schedule only"),
        ("PlateauPatience", "LearningRateSchedule", ["ReduceOnPlateau"], "used by the ReduceOnPlateau schedule only"),
        ("LeakyReluSlope", "Activation", ["LeakyReLU"], "used by the LeakyReLU activation only"),
        ("HuberDelta", "Loss", ["Huber"], "used by the Huber loss only"),
    ];

    private static readonly string[] EarlyStoppingOptions = ["EarlyStoppingPatience", "EarlyStoppingMinDelta", "EarlyStoppingAnnealingEpochs"];

    /// <summary>Options that shape a new network; a fine-tuned model's network came from its initial model instead.</summary>
    private static readonly string[] ArchitectureOptions =
        ["HiddenLayers", "Activation", "LeakyReluSlope", "Dropout", "Initialization", "InputScaling", "InputClipBound", "LearnableInputGain", "CompressSkewedFeatures", "PeriodicEmbeddings"];

    /// <summary>
    /// Splits <paramref name="options"/> into those that took effect (in their order) and those that did not, each
    /// inactive one with the reason. An option whose deciding setting is not recorded is kept as active.
    /// </summary>
    /// <param name="options">The trainer's recorded options.</param>
    /// <param name="hadValidationData">Whether training used validation rows (early stopping needs them).</param>
    public static (IReadOnlyList<NamedValue> Active, IReadOnlyList<NamedValue> Inactive) Split(
        IReadOnlyList<KeyValuePair<string, string>> options, bool hadValidationData)
    {
        var values = options.GroupBy(o => o.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var active = new List<NamedValue>();
        var inactive = new List<NamedValue>();
        foreach (var (name, value) in options)
        {
            var reason = InactiveReason(name, values, hadValidationData);
            if (reason is null) active.Add(new NamedValue(name, value));
            else inactive.Add(new NamedValue(name, reason));
        }
        return (active, inactive);
    }

    private static string? InactiveReason(string name, IReadOnlyDictionary<string, string> values, bool hadValidationData)
    {
        if (ArchitectureOptions.Contains(name, StringComparer.Ordinal) && values.TryGetValue("InitialModel", out var initial))
            return $"the network came from the initial model ({initial}), which this run fine-tuned";
        if (EarlyStoppingOptions.Contains(name, StringComparer.Ordinal))
            return hadValidationData ? null : "early stopping needs validation data, and this run had none";
        foreach (var (option, setting, applicable, reason) in Rules)
        {
            if (option == name && values.TryGetValue(setting, out var current) && !applicable.Contains(Resolved(current), StringComparer.Ordinal))
                return $"{reason}; this run used {setting} = {current}";
        }
        return null;
    }

    /// <summary>The value an automatic option resolved to, recorded as <c>automatic (value)</c>; any other value as it is.</summary>
    private static string Resolved(string value) =>
        value.StartsWith("automatic (", StringComparison.Ordinal) && value.EndsWith(')') ? value["automatic (".Length..^1] : value;
}
