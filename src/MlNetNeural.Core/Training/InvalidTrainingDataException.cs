namespace MlNetNeural.Core.Training;

/// <summary>The part of a training row that holds an unusable value.</summary>
public enum TrainingDataPart
{
    /// <summary>A feature value.</summary>
    Feature,
    /// <summary>A target (label) value.</summary>
    Target,
    /// <summary>An example weight.</summary>
    Weight,
    /// <summary>The targets as a whole: a classifier's training rows all have one class (<see cref="InvalidTrainingDataException.Value"/>).</summary>
    Classes,
}

/// <summary>
/// Thrown when a value in training or validation data cannot be used: a NaN or infinite feature, a target the
/// loss cannot take, a negative or non-finite weight. Carries where the value is, so that callers who know the
/// data's origin (for example ML.NET column names) can say it in their own terms.
/// </summary>
public sealed class InvalidTrainingDataException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="part">Which part of the row.</param>
    /// <param name="row">Row index, from 0 (for <see cref="TrainingDataPart.Classes"/>: the number of rows).</param>
    /// <param name="index">Position within the row's features or targets (0 for a weight or the classes).</param>
    /// <param name="value">The unusable value.</param>
    /// <param name="requirement">What the value must be, e.g. "binary targets must be 0 or 1".</param>
    /// <param name="dataName">Which data, e.g. "training" or "validation".</param>
    public InvalidTrainingDataException(TrainingDataPart part, int row, int index, float value, string requirement, string dataName = "training")
        : base(Describe(part, row, index, value, requirement, dataName))
    {
        Part = part;
        Row = row;
        Index = index;
        Value = value;
        Requirement = requirement;
        DataName = dataName;
    }

    /// <summary>Which part of the row.</summary>
    public TrainingDataPart Part { get; }

    /// <summary>Row index, from 0 (for <see cref="TrainingDataPart.Classes"/>: the number of rows).</summary>
    public int Row { get; }

    /// <summary>Position within the row's features or targets (0 for a weight).</summary>
    public int Index { get; }

    /// <summary>The unusable value.</summary>
    public float Value { get; }

    /// <summary>What the value must be.</summary>
    public string Requirement { get; }

    /// <summary>Which data the row belongs to ("training" or "validation").</summary>
    public string DataName { get; }

    /// <summary>The same problem, attributed to the data called <paramref name="name"/>.</summary>
    /// <param name="name">E.g. "validation".</param>
    public InvalidTrainingDataException InData(string name) => new(Part, Row, Index, Value, Requirement, name);

    private static string Describe(TrainingDataPart part, int row, int index, float value, string requirement, string dataName) => part switch
    {
        TrainingDataPart.Feature => $"Feature {index} of {dataName} row {row} is {value}; {requirement}.",
        TrainingDataPart.Classes => $"All {row} {dataName} rows have class {value}; {requirement}.",
        TrainingDataPart.Target => $"The target of {dataName} row {row}{(index > 0 ? $" (output {index})" : "")} is {value}; {requirement}.",
        _ => $"The example weight of {dataName} row {row} is {value}; {requirement}.",
    };
}
