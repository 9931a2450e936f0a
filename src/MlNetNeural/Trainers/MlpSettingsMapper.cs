using System.Globalization;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Trainers;

/// <summary>Translates trainer options into the numeric core's settings, and into a readable list for model cards.</summary>
internal static class MlpSettingsMapper
{
    /// <summary>The numeric core's settings for <paramref name="options"/>, checked, with errors naming the ML.NET option.</summary>
    /// <param name="options">The trainer's options.</param>
    /// <param name="seed">The seed of the fit.</param>
    /// <param name="trainingRows">Rows Fit trains on (the automatic validation depends on them).</param>
    /// <param name="smallestClassRows">Training rows of the rarest class for classification (the automatic members' folds are
    /// for classifiers whose every class can give each fold a row); null for regression.</param>
    public static TrainerSettings ToSettings(MlpTrainerOptions options, int seed, int trainingRows, int? smallestClassRows)
    {
        var settings = Map(options, seed, trainingRows, smallestClassRows);
        try
        {
            settings.Validate();
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName is { } name && OptionNames.TryGetValue(name, out string? option))
        {
            throw new ArgumentOutOfRangeException(option, e.ActualValue, e.Message.Split('\n')[0].Split(" (Parameter '")[0].Replace(name, option, StringComparison.Ordinal));
        }
        return settings;
    }

    /// <summary>Settings of the numeric core whose ML.NET option has another name.</summary>
    private static readonly Dictionary<string, string> OptionNames = new()
    {
        [nameof(ScheduleSettings.MinimumFactor)] = nameof(MlpTrainerOptions.MinimumLearningRateFactor),
        [nameof(TrainerSettings.Threads)] = nameof(MlpTrainerOptions.NumberOfThreads),
    };

    private static TrainerSettings Map(MlpTrainerOptions options, int seed, int trainingRows, int? smallestClassRows) => new()
    {
        LearningRate = options.LearningRate,
        Schedule = new ScheduleSettings
        {
            Kind = options.ResolveLearningRateSchedule(), StepDecayEpochs = options.StepDecayEpochs, StepDecayFactor = options.StepDecayFactor,
            WarmupEpochs = options.WarmupEpochs, MinimumFactor = options.MinimumLearningRateFactor,
            PlateauFactor = options.PlateauFactor, PlateauPatience = options.PlateauPatience,
        },
        Optimizer = new OptimizerSettings
        {
            Kind = options.Optimizer, Momentum = options.Momentum, Nesterov = options.Nesterov,
            Beta1 = options.Beta1, Beta2 = options.Beta2, Epsilon = options.Epsilon, WeightDecay = options.WeightDecay,
        },
        BatchSize = options.BatchSize,
        MaxEpochs = options.MaxEpochs,
        L2Penalty = options.L2Penalty,
        GradientClipNorm = options.GradientClipNorm,
        ValidationFraction = options.ValidationFraction ?? AutomaticValidationFraction(trainingRows),
        MemberValidationFolds = options.MemberValidationFolds ?? AutomaticMemberFolds(options, trainingRows, smallestClassRows),
        EarlyStoppingPatience = options.EarlyStoppingPatience,
        EarlyStoppingMinDelta = options.EarlyStoppingMinDelta,
        EarlyStoppingAnnealingEpochs = options.EarlyStoppingAnnealingEpochs,
        Seed = seed,
        Threads = options.NumberOfThreads ?? 0,
    };

    /// <summary>
    /// The network: the log compression of skewed features (when on), the fitted input scaling (unless turned off), the
    /// periodic embeddings (when on), then the MLP the options describe.
    /// </summary>
    /// <param name="options">The trainer's options.</param>
    /// <param name="train">The training rows (the input scaling and the embedded features are fitted on them).</param>
    /// <param name="outputSize">The network's outputs.</param>
    /// <param name="classifierWithoutValidation">True for a classifier without a validation set or split, that is below
    /// 1,000 training rows by default (the automatic embeddings' learning-rate factor is then RealMLP's 0.1).</param>
    public static NetworkArchitecture ToArchitecture(MlpTrainerOptions options, TrainingData train, int outputSize, bool classifierWithoutValidation)
    {
        var mlp = ToMultilayerPerceptron(options, train.FeatureCount, outputSize);
        float embeddingLearningRateFactor = EmbeddingLearningRateFactor(options, classifierWithoutValidation);
        var compression = options.InputScaling != InputScaling.None && (options.CompressSkewedFeatures ?? MlpTrainerOptions.Defaults.CompressSkewedFeatures)
            ? SkewedFeatureFit.Fit(train, MlpTrainerOptions.Defaults.CompressionSkewnessThreshold)
            : null;
        var scaling = InputScalingFit.Fit(train, options.InputScaling, options.InputClipBound, options.LearnableInputGain, compression);
        if (options.PeriodicEmbeddingsSlotLimit is < 0)
            throw new ArgumentOutOfRangeException(nameof(options.PeriodicEmbeddingsSlotLimit), options.PeriodicEmbeddingsSlotLimit, "PeriodicEmbeddingsSlotLimit must be 0 or more (or null for every slot).");
        int slotLimit = options.PeriodicEmbeddingsSlotLimit ?? int.MaxValue;
        var embedding = options.PeriodicEmbeddings != false && PeriodicEmbeddingSpec.NumericFeatures(train).Where(j => j < slotLimit).ToArray() is { Length: > 0 } numeric
            && (options.PeriodicEmbeddings == true || numeric.Length <= MlpTrainerOptions.Defaults.PeriodicEmbeddingsMaximumFeatures)
            ? new PeriodicEmbeddingSpec(numeric, LearningRateFactor: embeddingLearningRateFactor)
            : null;
        return WithFrontLayers(mlp, compression, scaling, embedding);
    }

    /// <summary>
    /// The embeddings' learning-rate factor: the option when set, checked whether or not the embeddings are built (a wrong value
    /// is never silently ignored); when automatic, <see cref="MlpTrainerOptions.Defaults.PeriodicEmbeddingLearningRateFactor"/>,
    /// except for a classifier without a validation set or split (a small table), which keeps RealMLP's
    /// <see cref="PeriodicEmbeddingSpec.DefaultLearningRateFactor"/> (docs/trainers.md, seventh round).
    /// </summary>
    private static float EmbeddingLearningRateFactor(MlpTrainerOptions options, bool classifierWithoutValidation)
    {
        if (options.PeriodicEmbeddingLearningRateFactor is not float factor)
            return classifierWithoutValidation ? PeriodicEmbeddingSpec.DefaultLearningRateFactor : MlpTrainerOptions.Defaults.PeriodicEmbeddingLearningRateFactor;
        if (!(float.IsFinite(factor) && factor > 0f))
            throw new ArgumentOutOfRangeException(nameof(options.PeriodicEmbeddingLearningRateFactor), factor, "PeriodicEmbeddingLearningRateFactor must be a finite number above 0.");
        return factor;
    }

    /// <summary>The MLP the options describe, without front layers (federated training fits the input scaling from pooled statistics).</summary>
    public static NetworkArchitecture ToMultilayerPerceptron(MlpTrainerOptions options, int featureCount, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(options.HiddenLayers, nameof(options.HiddenLayers));
        if (!(options.Dropout >= 0f && options.Dropout < 1f))
            throw new ArgumentOutOfRangeException(nameof(options.Dropout), options.Dropout, "Dropout must be in [0, 1).");
        return new NetworkArchitecture(featureCount, options.HiddenLayers, new Activation(options.Activation, options.LeakyReluSlope),
            options.Dropout, outputSize, options.Initialization);
    }

    /// <summary><paramref name="mlp"/> after the given front layers (input scaling, embeddings), in order, leaving out those that are null.</summary>
    public static NetworkArchitecture WithFrontLayers(NetworkArchitecture mlp, params LayerSpec?[] front)
    {
        LayerSpec[] layers = [.. front.OfType<LayerSpec>()];
        return layers.Length == 0 ? mlp : new NetworkArchitecture(mlp.InputSize, [.. layers, .. mlp.Layers]);
    }

    /// <summary>The validation share when the options leave it automatic: a hold-out only for tables large enough to spare one.</summary>
    private static float AutomaticValidationFraction(int trainingRows) =>
        trainingRows >= MlpTrainerOptions.Defaults.AutomaticValidationMinimumRows ? MlpTrainerOptions.Defaults.AutomaticValidationFraction : 0f;

    /// <summary>
    /// Whether an ensemble's members hold out their own folds when the options leave it automatic: for a classifier without
    /// a validation split (the numeric core ignores the folds where there is one) from
    /// <see cref="MlpTrainerOptions.Defaults.MemberFoldsMinimumRows"/> training rows, whose rarest class has a row for each of
    /// the <see cref="TrainerSettings.Defaults.MinimumMemberFolds"/> folds (a member validating without a rare class would stop
    /// where the model best ignores it).
    /// </summary>
    private static bool AutomaticMemberFolds(MlpTrainerOptions options, int trainingRows, int? smallestClassRows) =>
        smallestClassRows >= TrainerSettings.Defaults.MinimumMemberFolds && options.ValidationFraction is null
        && trainingRows >= MlpTrainerOptions.Defaults.MemberFoldsMinimumRows;

    /// <summary>Training rows of the rarest class (the first target of a row), for a classifier's automatic choices.</summary>
    public static int SmallestClassRows(TrainingData train) => train.RowsByClass().Select(rows => rows.Length).DefaultIfEmpty(0).Min();

    /// <summary>
    /// Every option with a plain value, as name/value text, in declaration order (base class first); an automatic option
    /// with what the fit chose for it where that is known (e.g. "automatic (3)").
    /// </summary>
    /// <param name="options">The trainer's options.</param>
    /// <param name="seed">The seed of the fit.</param>
    /// <param name="fit">What the fit chose for the automatic options that depend on its data; null where unknown.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(MlpTrainerOptions options, int seed, AutomaticChoices? fit = null)
    {
        var properties = options.GetType().GetProperties()
            .Where(p => p.PropertyType != typeof(CancellationToken) && !typeof(Delegate).IsAssignableFrom(p.PropertyType))
            .OrderBy(p => p.DeclaringType == typeof(MlpTrainerOptions) ? 0 : 1)
            .ThenBy(p => p.MetadataToken);
        var described = properties.Select(p => new KeyValuePair<string, string>(p.Name, Format(p.GetValue(options)))).ToList();
        int seedIndex = described.FindIndex(pair => pair.Key == nameof(MlpTrainerOptions.Seed));
        described[seedIndex] = new(nameof(MlpTrainerOptions.Seed), options.Seed is null ? $"{seed} (from the MLContext)" : seed.ToString(CultureInfo.InvariantCulture));
        foreach (string automatic in AutomaticOptions(options))
        {
            int index = described.FindIndex(pair => pair.Key == automatic);
            described[index] = new(automatic, automatic switch
            {
                nameof(MlpTrainerOptions.CompressSkewedFeatures) => $"automatic ({(MlpTrainerOptions.Defaults.CompressSkewedFeatures ? "on" : "off")})",
                nameof(MlpTrainerOptions.LearningRateSchedule) => $"automatic ({options.ResolveLearningRateSchedule()})",
                nameof(MlpTrainerOptions.PeriodicEmbeddingLearningRateFactor) when fit?.EmbeddingLearningRateFactor is float factor =>
                    $"automatic ({factor.ToString(CultureInfo.InvariantCulture)})",
                nameof(MlpTrainerOptions.MemberValidationFolds) when fit is not null => $"automatic ({(fit.MemberFolds ? "on" : "off")})",
                _ => "automatic",
            });
        }
        return described;
    }

    /// <summary>The options left to the trainer's automatic choice (null), which model cards list as "automatic".</summary>
    private static IEnumerable<string> AutomaticOptions(MlpTrainerOptions options)
    {
        if (options.PeriodicEmbeddings is null) yield return nameof(MlpTrainerOptions.PeriodicEmbeddings);
        if (options.PeriodicEmbeddingLearningRateFactor is null) yield return nameof(MlpTrainerOptions.PeriodicEmbeddingLearningRateFactor);
        if (options.ValidationFraction is null) yield return nameof(MlpTrainerOptions.ValidationFraction);
        if (options.MemberValidationFolds is null) yield return nameof(MlpTrainerOptions.MemberValidationFolds);
        if (options.EnsembleSize is null) yield return nameof(MlpTrainerOptions.EnsembleSize);
        if (options.CompressSkewedFeatures is null) yield return nameof(MlpTrainerOptions.CompressSkewedFeatures);
        if (options.LearningRateSchedule is null) yield return nameof(MlpTrainerOptions.LearningRateSchedule);
    }

    private static string Format(object? value) => value switch
    {
        null => "(none)",
        int[] array => "[" + string.Join(", ", array) + "]",
        float[] array => "[" + string.Join(", ", array.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
