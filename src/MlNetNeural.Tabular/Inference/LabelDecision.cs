namespace MlNetNeural.Tabular;

/// <summary>
/// The label column, the task inferred from it (or set), and its classes. Rules: a label with two distinct
/// values is binary; a text label with more is multiclass; a numeric label of whole numbers with at most
/// <see cref="InferenceOptions.MulticlassMaxIntegerLabels"/> distinct values is multiclass; any other numeric
/// label is regression. Rows whose label is missing are left out (and counted in <see cref="MissingCount"/>).
/// </summary>
public sealed class LabelDecision
{
    internal LabelDecision()
    {
    }

    /// <summary>The label column's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>The task.</summary>
    public TabularTask Task { get; internal init; }

    /// <summary>Whether every label value is a number.</summary>
    public bool IsNumeric { get; internal init; }

    /// <summary>For classification, the classes in key order (numeric order for numbers, ordinal order for text), as written in the data view (numbers in invariant culture); empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; internal init; } = [];

    /// <summary>For binary classification, the class that becomes <c>true</c>; null otherwise.</summary>
    public string? PositiveClass { get; internal init; }

    /// <summary>For binary classification, the other class (the one that becomes <c>false</c>); null otherwise.</summary>
    public string? NegativeClass => Task == TabularTask.BinaryClassification ? Classes.Single(c => c != PositiveClass) : null;

    /// <summary>Rows whose label is missing; they are left out of the data view.</summary>
    public int MissingCount { get; internal init; }

    /// <summary>Classes with fewer than <see cref="InferenceOptions.MinRowsPerClass"/> rows (the label's reason has a NOTE on them); empty for regression.</summary>
    public IReadOnlyList<string> RareClasses { get; internal init; } = [];

    /// <summary>Why this task, in one sentence with the numbers behind it.</summary>
    public string Reason { get; internal init; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Reason}";
}
