-- The public search finds what readers type, not only the narratives (issue 22): the agency's
-- name in its usual forms (贺兰县金贵镇, 金贵镇, 贺兰县金贵镇人民政府, 金贵镇人民政府), the
-- names of its region and every region above it, and the row labels of the report's non-zero
-- figures (行政许可 finds the reports that report 行政许可 decisions). Same column, same pg_trgm
-- index. The parts are kept apart by U+001E so that a query can rank a hit by where it is
-- (search-published-reports.ts) and show a narrative excerpt only for a narrative hit:
--   narratives <RS> agency name forms <RS> region names <RS> row labels

-- The row labels per template, section and row, a copy of lib/templates' searchRowLabels()
-- (test/unit/search-labels.test.ts fails when the two differ).
CREATE FUNCTION "published_version_row_labels"() RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT '{"2019":{"proactive":{"regulations":"规章","normativeDocuments":"规范性文件","licensing":"行政许可","otherServices":"其他对外管理服务事项","penalties":"行政处罚","coercion":"行政强制","fees":"行政事业性收费","procurement":"政府集中采购"},"applications":{"received":"一、本年新收政府信息公开申请数量","carriedOver":"二、上年结转政府信息公开申请数量","granted":"三、本年度办理结果 （一）予以公开","partiallyGranted":"三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）","denied.stateSecret":"（三）不予公开 1.属于国家秘密","denied.prohibitedByLaw":"（三）不予公开 2.其他法律行政法规禁止公开","denied.securityStability":"（三）不予公开 3.危及“三安全一稳定”","denied.thirdPartyRights":"（三）不予公开 4.保护第三方合法权益","denied.internalAffairs":"（三）不予公开 5.属于三类内部事务信息","denied.processInformation":"（三）不予公开 6.属于四类过程性信息","denied.enforcementFiles":"（三）不予公开 7.属于行政执法案卷","denied.administrativeQuery":"（三）不予公开 8.属于行政查询事项","unavailable.notHeld":"（四）无法提供 1.本机关不掌握相关政府信息","unavailable.needsCreation":"（四）无法提供 2.没有现成信息需要另行制作","unavailable.unclearAfterAmendment":"（四）无法提供 3.补正后申请内容仍不明确","notProcessed.complaint":"（五）不予处理 1.信访举报投诉类申请","notProcessed.duplicate":"（五）不予处理 2.重复申请","notProcessed.publication":"（五）不予处理 3.要求提供公开出版物","notProcessed.excessive":"（五）不予处理 4.无正当理由大量反复申请","notProcessed.confirmation":"（五）不予处理 5.要求行政机关确认或重新出具已获取信息","otherHandling":"三、本年度办理结果 （六）其他处理","carriedForward":"四、结转下年度继续办理"},"reviewLitigation":{"reconsideration":"行政复议","litigationDirect":"行政诉讼 未经复议直接起诉","litigationAfterReconsideration":"行政诉讼 复议后起诉"}},"2021":{"proactive":{"regulations":"规章","normativeDocuments":"行政规范性文件","licensing":"行政许可","penalties":"行政处罚","coercion":"行政强制","fees":"行政事业性收费"},"applications":{"received":"一、本年新收政府信息公开申请数量","carriedOver":"二、上年结转政府信息公开申请数量","granted":"三、本年度办理结果 （一）予以公开","partiallyGranted":"三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）","denied.stateSecret":"（三）不予公开 1.属于国家秘密","denied.prohibitedByLaw":"（三）不予公开 2.其他法律行政法规禁止公开","denied.securityStability":"（三）不予公开 3.危及“三安全一稳定”","denied.thirdPartyRights":"（三）不予公开 4.保护第三方合法权益","denied.internalAffairs":"（三）不予公开 5.属于三类内部事务信息","denied.processInformation":"（三）不予公开 6.属于四类过程性信息","denied.enforcementFiles":"（三）不予公开 7.属于行政执法案卷","denied.administrativeQuery":"（三）不予公开 8.属于行政查询事项","unavailable.notHeld":"（四）无法提供 1.本机关不掌握相关政府信息","unavailable.needsCreation":"（四）无法提供 2.没有现成信息需要另行制作","unavailable.unclearAfterAmendment":"（四）无法提供 3.补正后申请内容仍不明确","notProcessed.complaint":"（五）不予处理 1.信访举报投诉类申请","notProcessed.duplicate":"（五）不予处理 2.重复申请","notProcessed.publication":"（五）不予处理 3.要求提供公开出版物","notProcessed.excessive":"（五）不予处理 4.无正当理由大量反复申请","notProcessed.confirmation":"（五）不予处理 5.要求行政机关确认或重新出具已获取信息","otherHandling.overdueAmendment":"（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请","otherHandling.unpaidFee":"（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请","otherHandling.other":"（六）其他处理 3.其他","carriedForward":"四、结转下年度继续办理"},"reviewLitigation":{"reconsideration":"行政复议","litigationDirect":"行政诉讼 未经复议直接起诉","litigationAfterReconsideration":"行政诉讼 复议后起诉"}}}'::jsonb
$$;

-- The usual forms of an agency's name: as filed, without its county's name, and the formal
-- names of a town's government (…人民政府, …政府), a 街道's office (…办事处), a 政府办
-- (…人民政府办公室).
CREATE FUNCTION "agency_name_forms"(name text, region text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  WITH n AS (
    SELECT name,
           CASE WHEN coalesce(region, '') <> '' AND name LIKE region || '%' AND length(name) > length(region)
                THEN substr(name, length(region) + 1) END AS short
  )
  SELECT concat_ws(' ', name, short,
           CASE
             WHEN name ~ '(镇|乡)$' THEN concat_ws(' ', name || '人民政府', short || '人民政府', name || '政府', short || '政府')
             WHEN name ~ '街道$' THEN concat_ws(' ', name || '办事处', short || '办事处', name || '办', short || '办')
             WHEN name ~ '政府办$' THEN concat_ws(' ', regexp_replace(name, '政府办$', '人民政府办公室'), regexp_replace(short, '政府办$', '人民政府办公室'))
             WHEN name ~ '办$' THEN concat_ws(' ', name || '公室', short || '公室')
           END)
    FROM n
$$;

-- Reads "Region" (the chain of regions above the report's), so no longer IMMUTABLE; it is only
-- ever called by the trigger and this migration.
CREATE OR REPLACE FUNCTION "published_version_search_text"(document jsonb) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\x1e',
    regexp_replace(
      concat_ws(E'\n', document #>> '{narrative,overview}', document #>> '{narrative,problems}', document #>> '{narrative,other}'),
      '\*\*|__|^#{1,6}[ \t]*', '', 'gn'),
    coalesce("agency_name_forms"(document #>> '{agency,name}', document #>> '{agency,region,name}'), ''),
    coalesce((
      SELECT string_agg(up."name", ' ' ORDER BY up."path")
        FROM "Region" here
        JOIN "Region" up ON here."path" LIKE up."path" || '%'
       WHERE here."code" = document #>> '{agency,region,code}'
    ), document #>> '{agency,region,name}', ''),
    coalesce((
      SELECT string_agg(l.label #>> '{}', ' ')
        FROM jsonb_each("published_version_row_labels"() -> (document ->> 'template')) s(section, rows)
       CROSS JOIN LATERAL jsonb_each(s.rows) l(row_key, label)
       WHERE jsonb_typeof(document -> s.section -> l.row_key) = 'object'
         AND EXISTS (
           SELECT 1 FROM jsonb_each(document -> s.section -> l.row_key) v(col, value)
            WHERE jsonb_typeof(v.value) = 'number' AND (v.value #>> '{}')::numeric <> 0)
    ), ''))
$$;

UPDATE "PublishedVersion" SET "searchText" = "published_version_search_text"("document");
