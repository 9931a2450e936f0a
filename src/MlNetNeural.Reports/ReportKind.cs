namespace MlNetNeural.Reports;

/// <summary>The machine-learning task a report evaluates.</summary>
public enum ReportKind
{
    /// <summary>Two classes, scored with a raw score and (usually) a calibrated probability.</summary>
    BinaryClassification,

    /// <summary>More than two classes.</summary>
    MulticlassClassification,

    /// <summary>A numeric target.</summary>
    Regression,
}
