using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Data;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Scoring;

namespace MlNetNeural.Tasks;

/// <summary>
/// One prediction task, declared in one place: the label type it accepts and how it reads it into targets,
/// how many targets a row has, how refused labels are explained, and the output columns the
/// fitted model adds (named, typed and annotated like ML.NET's own trainers'). Trainers, transformers and
/// schema propagation all read it from here.
/// </summary>
internal abstract class MlpTaskDefinition
{
    /// <summary>The definition of <paramref name="task"/>.</summary>
    public static MlpTaskDefinition For(MlpTask task) => task switch
    {
        MlpTask.BinaryClassification => BinaryClassificationTask.Instance,
        MlpTask.MulticlassClassification => MulticlassClassificationTask.Instance,
        MlpTask.Regression => RegressionTask.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown MLP task."),
    };

    /// <summary>Which task this is.</summary>
    public abstract MlpTask Task { get; }

    /// <summary>Targets per row (and network outputs for regression).</summary>
    public virtual int TargetWidth => 1;

    /// <summary>What to do when the loss refuses a label value, appended to the message that names the row and column.</summary>
    public abstract string LabelAdvice { get; }

    /// <summary>Checks the label column's type and reads its classes, with a message saying how to fix a wrong type.</summary>
    public abstract LabelDescription DescribeLabel(DataViewSchema.Column label);

    /// <summary>Reads the current row's label into <see cref="TargetWidth"/> targets.</summary>
    public abstract TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label);

    /// <summary>The message for training rows that all have one class (refused by the numeric core), in the label's terms.</summary>
    /// <param name="label">The label column.</param>
    /// <param name="onlyClass">The class every row has, as a target value.</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="description">The label's classes.</param>
    public virtual string DescribeSingleClass(DataViewSchema.Column label, float onlyClass, int rows, LabelDescription description) =>
        $"Label column '{label.Name}' holds only the value {onlyClass} in all {rows} training rows; a classifier needs examples of at least two classes.";

    /// <summary>The output columns, in ML.NET's order, for a model with these class names.</summary>
    /// <param name="inputSchema">The schema being scored (for the score-column set id).</param>
    /// <param name="classNames">Class names in score order (empty for regression and binary).</param>
    public abstract IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema, IReadOnlyList<string> classNames);

    /// <summary>The output columns as <see cref="SchemaShape"/> columns, for estimators' GetOutputSchema; derived from <see cref="OutputColumns"/>.</summary>
    public IEnumerable<SchemaShape.Column> OutputShapes() =>
        OutputColumns(new DataViewSchema.Builder().ToSchema(), ["0", "1"])
            .Select(column => SchemaShapeColumns.Of(column.Name, column.Type, column.Annotations))
            .ToArray();
}
