using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports.Data;

/// <summary>Finds the columns a report needs and fails with a message that names the missing one.</summary>
internal static class ScoredDataSchema
{
    /// <summary>Returns the column or throws an <see cref="ArgumentException"/> naming it, its role and the columns present.</summary>
    public static DataViewSchema.Column Require(IDataView data, string columnName, string role, string parameterName)
    {
        var column = data.Schema.GetColumnOrNull(columnName);
        if (column is { } found)
            return found;
        var present = string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
        throw new ArgumentException(
            $"The {role} column '{columnName}' was not found in the scored data. Columns present: {present}. " +
            "Pass the output of model.Transform(testData), or set the matching column name in the report call or ReportOptions.",
            parameterName);
    }

    /// <summary>Throws when the column's type is none of <paramref name="allowed"/>.</summary>
    public static void RequireType(DataViewSchema.Column column, string role, params Type[] allowed)
    {
        if (!allowed.Contains(column.Type.RawType))
            throw new ArgumentException(
                $"The {role} column '{column.Name}' has type {column.Type}; the report needs one of: {string.Join(", ", allowed.Select(t => t.Name))}.");
    }
}
