package org.relais.gateway.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Optional;
import org.relais.gateway.telephony.directory.Directory;
import org.relais.gateway.telephony.directory.InvoiceStatus;

/** Accounts and suppliers' invoices in SQLite. */
final class SqliteDirectory implements Directory {

  private final Database db;

  SqliteDirectory(Database db) {
    this.db = db;
  }

  @Override
  public Future<Optional<String>> accountByMsisdn(String msisdn) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT account FROM accounts WHERE msisdn = ? ORDER BY updated_at DESC LIMIT 1")) {
        ps.setString(1, msisdn);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<Boolean> accountExists(String account) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts WHERE account = ?")) {
        ps.setString(1, account);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public Future<Optional<InvoiceStatus>> invoice(String invoice) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT status FROM supplier_invoices WHERE invoice = ?")) {
        ps.setString(1, invoice);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(InvoiceStatus.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<Void> putAccount(String account, String msisdn) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (account, msisdn, updated_at) VALUES (?, ?, ?)"
          + " ON CONFLICT(account) DO UPDATE SET msisdn = excluded.msisdn, updated_at = excluded.updated_at")) {
        ps.setString(1, account);
        Rows.setText(ps, 2, msisdn);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Void> putInvoice(String invoice, String supplier, InvoiceStatus status, Long amountCents) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO supplier_invoices (invoice, supplier, status,"
          + " amount_cents, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(invoice) DO UPDATE SET"
          + " supplier = excluded.supplier, status = excluded.status, amount_cents = excluded.amount_cents,"
          + " updated_at = excluded.updated_at")) {
        ps.setString(1, invoice);
        Rows.setText(ps, 2, supplier);
        ps.setString(3, status.label());
        if (amountCents == null) {
          ps.setNull(4, java.sql.Types.BIGINT);
        } else {
          ps.setLong(4, amountCents);
        }
        ps.setLong(5, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
