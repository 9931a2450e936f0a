namespace MlNetNeural.Tabular;

/// <summary>The learning task, inferred from the label column or set by the caller.</summary>
public enum TabularTask
{
    /// <summary>Two classes: the label becomes a Boolean (true = the positive class); metric AUC.</summary>
    BinaryClassification,
    /// <summary>Three or more classes: the label becomes a key (<c>MapValueToKey</c>, classes in sorted order); metric macro accuracy.</summary>
    MulticlassClassification,
    /// <summary>A number: the label becomes a Single; metric RMSE.</summary>
    Regression,
}
