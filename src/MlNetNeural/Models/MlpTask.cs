namespace MlNetNeural.Models;

/// <summary>What an MLP model predicts. The numeric values are stored in model files: never renumber them.</summary>
public enum MlpTask
{
    /// <summary>Two classes: one logit, sigmoid probability.</summary>
    BinaryClassification = 0,
    /// <summary>Several classes: one logit per class, softmax probabilities.</summary>
    MulticlassClassification = 1,
    /// <summary>A real-valued target.</summary>
    Regression = 2,
}
