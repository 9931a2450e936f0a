namespace FineTuning;

/// <summary>What the fine-tuning study runs on and how much work it does.</summary>
public sealed record StudySettings
{
    /// <summary>Where the report, the chart, the models and the adapter are written. Default artifacts/fine-tuning under the current directory.</summary>
    public string OutputDirectory { get; init; } = Path.GetFullPath(Path.Combine("artifacts", "fine-tuning"));

    /// <summary>Use only the first N digits of the file (null = all 10,000), e.g. for a fast test.</summary>
    public int? RowLimit { get; init; }

    /// <summary>Seeds: each draws its own labelled images of the new digits and trains every variant with its own weights. Default 5.</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Labelled images per new digit. Default 50 (250 in all).</summary>
    public int LabelsPerClass { get; init; } = 50;

    /// <summary>Hidden layers of every network. Default [256, 128].</summary>
    public int[] HiddenLayers { get; init; } = [256, 128];

    /// <summary>Epochs of pretraining on the digits 0-4. Default 15.</summary>
    public int PretrainingEpochs { get; init; } = 15;

    /// <summary>Epochs on the labelled new digits, for every variant alike. Default 60 (eight steps of 32 images each).</summary>
    public int FineTuningEpochs { get; init; } = 60;

    /// <summary>
    /// Learning rates each variant chooses from, by its accuracy on a fifth of its labelled images after training on the
    /// other four fifths; it then trains on all of them. Default 1e-3, 3e-3 and 1e-2 (a new output layer alone, or LoRA,
    /// usually wants a larger step than training the whole network: Hu et al. 2021, appendix D).
    /// </summary>
    public float[] LearningRates { get; init; } = [1e-3f, 3e-3f, 1e-2f];

    /// <summary>Sparsities the best fine-tuned model is pruned to. Default 50, 70, 80, 90 and 95%.</summary>
    public float[] Sparsities { get; init; } = [0.5f, 0.7f, 0.8f, 0.9f, 0.95f];

    /// <summary>Epochs of fine-tuning while and after pruning (half ramp, half at the target sparsity). Default 30.</summary>
    public int PruningEpochs { get; init; } = 30;

    /// <summary>Epochs of the dense ten-digit model whose pruning is measured on the whole file. Default 10.</summary>
    public int TenDigitEpochs { get; init; } = 10;

    /// <summary>Epochs of fine-tuning while and after pruning the ten-digit model. Default 8.</summary>
    public int TenDigitPruningEpochs { get; init; } = 8;
}
