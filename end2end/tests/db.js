// Reads the server's SQLite file (Python's sqlite3 module: Node 20 has none built in).
const { execFileSync } = require('child_process');

const QUERY = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()
print(json.dumps(rows, ensure_ascii=False))
`;

/** Runs a read-only query against the e2e database and returns the rows as arrays. */
function query(sql, params = []) {
  const out = execFileSync('python3', ['-c', QUERY, process.env.DANBAN_E2E_DB, sql, JSON.stringify(params)]);
  return JSON.parse(out.toString('utf8'));
}

module.exports = { query };
