using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.TestData;

/// <summary>Rows of a data view as exact text, for comparisons bit for bit: Singles as their hexadecimal bits, keys as numbers.</summary>
internal static class RowText
{
    /// <summary>Each row's values of <paramref name="names"/>, tab-separated (vector values comma-separated), read with one cursor.</summary>
    public static string[] Of(IDataView data, IReadOnlyList<string> names)
    {
        var columns = names.Select(n => data.Schema[n]).ToArray();
        using var cursor = data.GetRowCursor(columns);
        var getters = columns.Select(c => Formatter(cursor, c)).ToArray();
        var rows = new List<string>();
        while (cursor.MoveNext()) rows.Add(string.Join('\t', getters.Select(g => g())));
        return rows.ToArray();
    }

    /// <summary>A function that formats <paramref name="column"/>'s value in <paramref name="row"/>'s current row.</summary>
    public static Func<string> Formatter(DataViewRow row, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case VectorDataViewType:
            {
                var getter = row.GetGetter<VBuffer<float>>(column);
                VBuffer<float> value = default;
                return () => { getter(ref value); return string.Join(',', value.DenseValues().Select(Bits)); };
            }
            case KeyDataViewType:
            {
                var getter = row.GetGetter<uint>(column);
                uint value = 0;
                return () => { getter(ref value); return value.ToString(CultureInfo.InvariantCulture); };
            }
            case BooleanDataViewType:
            {
                var getter = row.GetGetter<bool>(column);
                bool value = false;
                return () => { getter(ref value); return value ? "true" : "false"; };
            }
            case TextDataViewType:
            {
                var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> value = default;
                return () => { getter(ref value); return value.ToString(); };
            }
            case NumberDataViewType when column.Type.RawType == typeof(int):
            {
                var getter = row.GetGetter<int>(column);
                int value = 0;
                return () => { getter(ref value); return value.ToString(CultureInfo.InvariantCulture); };
            }
            default:
            {
                var getter = row.GetGetter<float>(column);
                float value = 0;
                return () => { getter(ref value); return Bits(value); };
            }
        }
    }

    private static string Bits(float value) => BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);
}
